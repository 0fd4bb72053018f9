import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core

// Shown while the server does not answer: says so, and that typed messages wait in the outbox.
Rectangle {
    id: root

    required property AppContext app

    objectName: "connectionBanner"
    visible: !root.app.online
    implicitHeight: visible ? label.implicitHeight + 2 * Theme.spacingS : 0
    color: Theme.warningSurface

    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 2
        color: Theme.warning
    }
    Label {
        id: icon
        anchors.left: parent.left
        anchors.leftMargin: Theme.spacingL
        anchors.verticalCenter: parent.verticalCenter
        text: "⚠"
        color: Theme.warning
        font.pixelSize: Theme.fontTitle
        font.bold: true
    }
    Label {
        id: label
        anchors.fill: parent
        anchors.margins: Theme.spacingS
        anchors.leftMargin: Theme.spacingL + icon.implicitWidth + Theme.spacingS
        color: Theme.warningText
        font.pixelSize: Theme.fontBody
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.Wrap
        text: root.app.conversation.composer.outboxCount > 0
              ? qsTr("The server cannot be reached. Reconnecting… Messages waiting to be sent: %1").arg(root.app.conversation.composer.outboxCount)
              : qsTr("The server cannot be reached. Reconnecting…")
    }
}
