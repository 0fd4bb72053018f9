import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.App

// Shown while the server does not answer: says so, and that typed messages wait in the outbox.
Rectangle {
    id: root

    required property AppContext app

    objectName: "connectionBanner"
    visible: !root.app.online
    implicitHeight: visible ? label.implicitHeight + 16 : 0
    color: "#b3261e"

    Label {
        id: label
        anchors.fill: parent
        anchors.margins: 8
        color: "white"
        wrapMode: Text.Wrap
        text: root.app.conversation.outboxCount > 0
              ? qsTr("The server cannot be reached. Reconnecting… Messages waiting to be sent: %1").arg(root.app.conversation.outboxCount)
              : qsTr("The server cannot be reached. Reconnecting…")
    }
}
