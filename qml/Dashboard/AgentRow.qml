import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core
import Conversa.Dashboard

// One agent on the dashboard: name, status (pause reason, time in it), open chats against
// capacity, handled today, and today's status timeline (pause reasons on hover).
Rectangle {
    id: root

    required property int index
    required property var agentId
    required property string name
    required property string status
    required property string reason
    required property var statusSince
    required property int activeChats
    required property int maxChats
    required property int handledToday
    required property var intervals
    required property var now   // the dashboard's clock (its last figures' time)
    property real scale: 1

    signal activated()

    function statusText(status: string): string {
        switch (status) {
        case "available": return qsTr("Available")
        case "busy": return qsTr("Busy")
        case "paused": return qsTr("Paused")
        default: return qsTr("Offline")
        }
    }

    objectName: "agentRow_" + root.agentId
    implicitHeight: 40 * root.scale
    color: root.index % 2 ? Theme.window : Theme.surface

    MouseArea {
        anchors.fill: parent
        onClicked: root.activated()
    }
    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingM
        anchors.rightMargin: Theme.spacingM
        spacing: Theme.spacingM

        Rectangle {
            implicitWidth: 10 * root.scale
            implicitHeight: 10 * root.scale
            radius: width / 2
            color: Theme.agentStatusColor(root.status)
        }
        Label {
            Layout.preferredWidth: 180 * root.scale
            text: root.name
            font.pixelSize: Theme.fontBody * root.scale
            font.bold: true
            elide: Text.ElideRight
        }
        Label {
            objectName: "agentStatus"
            Layout.preferredWidth: 200 * root.scale
            text: {
                let t = root.statusText(root.status)
                if (root.reason.length > 0)
                    t += " · " + root.reason
                if (root.statusSince && root.now)
                    t += " · " + DashboardFormat.duration((root.now - root.statusSince) / 1000)
                return t
            }
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption * root.scale
            elide: Text.ElideRight
        }
        Label {
            Layout.preferredWidth: 70 * root.scale
            text: qsTr("%1/%2 chats").arg(root.activeChats).arg(root.maxChats)
            color: root.maxChats > 0 && root.activeChats >= root.maxChats ? Theme.danger : Theme.text
            font.pixelSize: Theme.fontCaption * root.scale
        }
        Label {
            Layout.preferredWidth: 90 * root.scale
            text: root.handledToday >= 0 ? qsTr("%1 handled").arg(root.handledToday) : ""
            font.pixelSize: Theme.fontCaption * root.scale
        }
        AgentTimelineBar {
            id: bar
            objectName: "agentTimeline"
            Layout.fillWidth: true
            Layout.preferredHeight: 14 * root.scale
            intervals: root.intervals
            now: root.now
            background: Theme.divider
            statusColors: ({
                available: Theme.agentStatusColor("available"),
                busy: Theme.agentStatusColor("busy"),
                paused: Theme.agentStatusColor("paused"),
                offline: Theme.agentStatusColor("offline")
            })
            HoverHandler {
                id: hover
            }
            ToolTip.visible: hover.hovered && tip.length > 0
            ToolTip.text: tip
            readonly property string tip: {
                const i = hover.hovered ? bar.intervalAt(hover.point.position.x) : ({})
                if (!i.status)
                    return ""
                const from = new Date(i.from)
                const to = i.to > 0 ? new Date(i.to) : root.now
                let t = root.statusText(i.status)
                if (i.reason)
                    t += " · " + i.reason
                return t + "\n" + Qt.formatTime(from, "HH:mm") + " – " + Qt.formatTime(to, "HH:mm")
            }
        }
    }
}
