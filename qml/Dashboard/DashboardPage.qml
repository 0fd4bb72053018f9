import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Window
import Conversa.Core
import Conversa.Dashboard

// The supervisor's live dashboard (docs/REPORTS.md, live dashboard): the tiles, the campaign
// queues, the chats per hour chart and every agent with today's timeline, all kept current from
// the socket. Clicking the waiting tile or a queue opens those chats in the inbox. The wallboard
// mode fills the screen with larger type.
Page {
    id: root

    required property AppContext app
    readonly property DashboardController controller: ctl
    property bool wallboard: false
    readonly property real scale: root.wallboard ? 1.6 : 1

    // The inbox is set (filters) and should be shown.
    signal openInbox()

    function tileTitle(key: string): string {
        switch (key) {
        case "waiting": return qsTr("Chats waiting")
        case "longest_wait": return qsTr("Longest wait")
        case "in_bot": return qsTr("Chats in bot")
        case "active": return qsTr("Active chats")
        case "avg_wait": return qsTr("Average wait today")
        case "avg_first_response": return qsTr("Average first response today")
        case "sla_first_response": return qsTr("First response SLA")
        case "sla_resolution": return qsTr("Resolution SLA")
        case "sla_at_risk": return qsTr("SLA at risk")
        case "sla_breached": return qsTr("SLA breached")
        case "agents_available": return qsTr("Agents available")
        case "agents_busy": return qsTr("Agents busy")
        case "agents_paused": return qsTr("Agents paused")
        case "agents_offline": return qsTr("Agents offline")
        case "closed_today": return qsTr("Closed today")
        case "abandoned_today": return qsTr("Abandoned today")
        case "received_last_hour": return qsTr("Messages in, last hour")
        case "sent_last_hour": return qsTr("Messages out, last hour")
        }
        return key
    }
    // Untyped: Qt 6.4's qmlcachegen crashes compiling a typed function that sets the window's visibility.
    function setWallboard(on) {
        root.wallboard = on
        const w = root.Window.window
        if (w)
            w.visibility = on ? Window.FullScreen : Window.Windowed
    }

    objectName: "dashboardPage"
    background: Rectangle { color: Theme.window }

    DashboardController {
        id: ctl
        app: root.app
    }

    header: ToolBar {
        background: Rectangle { color: Theme.surface }
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.spacingL
            anchors.rightMargin: Theme.spacingS
            Label {
                text: qsTr("Live dashboard")
                font.pixelSize: Theme.fontTitle * root.scale
                font.bold: true
            }
            Label {
                objectName: "dashboardUpdated"
                visible: ctl.now.getTime() > 0
                text: qsTr("Updated %1").arg(Qt.formatTime(ctl.now, "HH:mm:ss"))
                color: Theme.textMuted
                font.pixelSize: Theme.fontCaption * root.scale
            }
            Item { Layout.fillWidth: true }
            BusyIndicator {
                running: ctl.state === DashboardController.Loading
                implicitWidth: 24
                implicitHeight: 24
            }
            ToolButton {
                objectName: "wallboardButton"
                text: root.wallboard ? qsTr("Leave wallboard") : qsTr("Wallboard")
                checkable: true
                checked: root.wallboard
                onClicked: root.setWallboard(!root.wallboard)
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // The socket dropped: the figures stay as they were until it is back and they are fetched again.
        Rectangle {
            objectName: "dashboardConnectionLost"
            Layout.fillWidth: true
            visible: ctl.state === DashboardController.ConnectionLost
            implicitHeight: visible ? lost.implicitHeight + 2 * Theme.spacingS : 0
            color: Theme.warningSurface
            Label {
                id: lost
                anchors.fill: parent
                anchors.margins: Theme.spacingS
                anchors.leftMargin: Theme.spacingL
                text: qsTr("Connection lost: these figures are not live. They will be brought up to date when the connection is back.")
                color: Theme.warningText
                font.pixelSize: Theme.fontBody * root.scale
                wrapMode: Text.Wrap
            }
        }
        Label {
            objectName: "dashboardError"
            Layout.fillWidth: true
            Layout.margins: Theme.spacingL
            visible: ctl.state === DashboardController.Failed
            text: ctl.errorMessage
            color: Theme.danger
            wrapMode: Text.Wrap
        }

        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentWidth: availableWidth

            ColumnLayout {
                width: parent.width
                spacing: Theme.spacingL

                Flow {
                    Layout.fillWidth: true
                    Layout.margins: Theme.spacingL
                    Layout.bottomMargin: 0
                    spacing: Theme.spacingM
                    Repeater {
                        model: ctl.tiles
                        DashboardTile {
                            title: root.tileTitle(key)
                            scale: root.scale
                            onActivated: {
                                if (key !== "waiting" && key !== "longest_wait")
                                    return
                                root.app.inbox.tab = InboxController.Queued
                                root.app.inbox.campaignFilter = 0
                                root.openInbox()
                            }
                            onThresholdsRequested: thresholds.ask(key, title, amber, red)
                        }
                    }
                }

                RowLayout {
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.spacingL
                    Layout.rightMargin: Theme.spacingL
                    spacing: Theme.spacingL

                    // The campaign queues.
                    Rectangle {
                        Layout.fillWidth: true
                        Layout.preferredHeight: 260 * root.scale
                        color: Theme.surface
                        radius: Theme.radiusM
                        border.color: Theme.divider
                        ColumnLayout {
                            anchors.fill: parent
                            anchors.margins: Theme.spacingS
                            spacing: 0
                            RowLayout {
                                Layout.fillWidth: true
                                Layout.margins: Theme.spacingS
                                Label { Layout.fillWidth: true; text: qsTr("Queue"); font.bold: true; font.pixelSize: Theme.fontCaption * root.scale }
                                Label { Layout.preferredWidth: 80 * root.scale; text: qsTr("Waiting"); font.bold: true; font.pixelSize: Theme.fontCaption * root.scale }
                                Label { Layout.preferredWidth: 100 * root.scale; text: qsTr("Longest wait"); font.bold: true; font.pixelSize: Theme.fontCaption * root.scale }
                                Label { Layout.preferredWidth: 100 * root.scale; text: qsTr("Average wait"); font.bold: true; font.pixelSize: Theme.fontCaption * root.scale }
                                Label { Layout.preferredWidth: 90 * root.scale; text: qsTr("Assigned"); font.bold: true; font.pixelSize: Theme.fontCaption * root.scale }
                            }
                            ListView {
                                objectName: "queueList"
                                Layout.fillWidth: true
                                Layout.fillHeight: true
                                clip: true
                                model: ctl.queues
                                delegate: ItemDelegate {
                                    id: queueRow
                                    required property var queueId
                                    required property string name
                                    required property int waiting
                                    required property var oldestWait
                                    required property var avgWait
                                    required property int assignedToday
                                    objectName: "queueRow_" + queueId
                                    width: ListView.view.width
                                    onClicked: {
                                        ctl.showQueueInInbox(queueId)
                                        root.openInbox()
                                    }
                                    contentItem: RowLayout {
                                        Label { Layout.fillWidth: true; text: queueRow.name; elide: Text.ElideRight; font.pixelSize: Theme.fontBody * root.scale }
                                        Label {
                                            Layout.preferredWidth: 80 * root.scale
                                            text: queueRow.waiting
                                            font.bold: queueRow.waiting > 0
                                            font.pixelSize: Theme.fontBody * root.scale
                                        }
                                        Label {
                                            Layout.preferredWidth: 100 * root.scale
                                            text: queueRow.oldestWait === null || queueRow.oldestWait === undefined ? "—" : DashboardFormat.duration(queueRow.oldestWait)
                                            font.pixelSize: Theme.fontBody * root.scale
                                        }
                                        Label {
                                            Layout.preferredWidth: 100 * root.scale
                                            text: queueRow.avgWait === null || queueRow.avgWait === undefined ? "—" : DashboardFormat.duration(queueRow.avgWait)
                                            font.pixelSize: Theme.fontBody * root.scale
                                        }
                                        Label { Layout.preferredWidth: 90 * root.scale; text: queueRow.assignedToday; font.pixelSize: Theme.fontBody * root.scale }
                                    }
                                }
                            }
                        }
                    }
                    TrendChart {
                        objectName: "trendChart"
                        Layout.preferredWidth: 460 * root.scale
                        Layout.preferredHeight: 260 * root.scale
                        title: qsTr("Chats per hour")
                        today: ctl.todayTrend
                        other: ctl.lastWeekTrend
                        otherName: qsTr("Same day last week")
                    }
                }

                // Today's first response and SLA compliance, hour by hour.
                RowLayout {
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.spacingL
                    Layout.rightMargin: Theme.spacingL
                    spacing: Theme.spacingL
                    TrendChart {
                        objectName: "firstResponseChart"
                        Layout.fillWidth: true
                        Layout.preferredHeight: 220 * root.scale
                        title: qsTr("Average first response today (s)")
                        today: ctl.firstResponseTrend
                        valueFormat: "%d"
                    }
                    TrendChart {
                        objectName: "slaChart"
                        Layout.fillWidth: true
                        Layout.preferredHeight: 220 * root.scale
                        title: qsTr("First response SLA today (%)")
                        today: ctl.slaTrend
                        valueFormat: "%d"
                    }
                }

                Label {
                    Layout.leftMargin: Theme.spacingL
                    text: qsTr("Agents")
                    font.pixelSize: Theme.fontTitle * root.scale
                    font.bold: true
                }
                ListView {
                    objectName: "agentList"
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.spacingL
                    Layout.rightMargin: Theme.spacingL
                    Layout.bottomMargin: Theme.spacingL
                    Layout.preferredHeight: contentHeight
                    interactive: false
                    model: ctl.agents
                    delegate: AgentRow {
                        width: ListView.view.width
                        now: ctl.now
                        scale: root.scale
                    }
                }
            }
        }
    }

    // A tile's amber and red thresholds, kept for this user.
    Dialog {
        id: thresholds
        property string key
        function ask(key: string, title: string, amber: var, red: var) {
            thresholds.key = key
            thresholds.title = qsTr("Thresholds: %1").arg(title)
            amberField.text = amber === null || amber === undefined ? "" : String(amber)
            redField.text = red === null || red === undefined ? "" : String(red)
            open()
        }
        objectName: "thresholdsDialog"
        anchors.centerIn: parent
        modal: true
        standardButtons: Dialog.Ok | Dialog.Cancel
        GridLayout {
            columns: 2
            Label { text: qsTr("Amber at") }
            TextField { id: amberField; objectName: "amberField"; inputMethodHints: Qt.ImhFormattedNumbersOnly; placeholderText: qsTr("none") }
            Label { text: qsTr("Red at") }
            TextField { id: redField; objectName: "redField"; inputMethodHints: Qt.ImhFormattedNumbersOnly; placeholderText: qsTr("none") }
        }
        onAccepted: ctl.tiles.setThresholds(thresholds.key, amberField.text.length ? Number(amberField.text) : null,
                                            redField.text.length ? Number(redField.text) : null)
    }
}
