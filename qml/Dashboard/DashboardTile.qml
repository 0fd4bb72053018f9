import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core

// One figure of the live dashboard: its title, value (with the count it stands on when known) and
// a colour for its level (amber, red) against the user's thresholds.
Rectangle {
    id: root

    required property string key
    required property var value
    required property string kind
    required property int sample
    required property string level
    required property var amber
    required property var red
    required property string title
    property real scale: 1

    signal activated()
    signal thresholdsRequested()

    function display(): string {
        if (root.value === undefined || root.value === null)
            return "—"
        if (root.kind === "seconds")
            return DashboardFormat.duration(root.value)
        if (root.kind === "percent")
            return Number(root.value).toLocaleString(Qt.locale(), "f", 1) + " %"
        return Number(root.value).toLocaleString(Qt.locale(), "f", 0)
    }

    objectName: "tile_" + root.key
    implicitWidth: 170 * root.scale
    implicitHeight: column.implicitHeight + 2 * Theme.spacingM
    radius: Theme.radiusM
    color: root.level === "red" ? Theme.dangerSurface : root.level === "amber" ? Theme.warningSurface : Theme.surface
    border.color: root.level === "red" ? Theme.danger : root.level === "amber" ? Theme.warning : Theme.divider
    border.width: root.level === "normal" ? 1 : 2

    MouseArea {
        anchors.fill: parent
        cursorShape: Qt.PointingHandCursor
        onClicked: root.activated()
    }
    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: Theme.spacingM
        spacing: Theme.spacingXs
        RowLayout {
            Label {
                Layout.fillWidth: true
                text: root.title
                color: Theme.textMuted
                font.pixelSize: Theme.fontCaption * root.scale
                elide: Text.ElideRight
            }
            ToolButton {
                objectName: "thresholdsButton"
                text: "⚙"
                implicitWidth: 24 * root.scale
                implicitHeight: 24 * root.scale
                font.pixelSize: Theme.fontCaption * root.scale
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Thresholds")
                onClicked: root.thresholdsRequested()
            }
        }
        Label {
            objectName: "tileValue"
            text: root.display()
            color: root.level === "red" ? Theme.danger : Theme.text
            font.pixelSize: Theme.fontDisplay * root.scale
            font.bold: true
        }
        Label {
            visible: root.sample >= 0
            // A count is "of" a total (agents); an average or a share stands on n chats.
            text: root.kind === "count" ? qsTr("of %1").arg(root.sample) : qsTr("n = %1").arg(root.sample)
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall * root.scale
        }
    }
}
