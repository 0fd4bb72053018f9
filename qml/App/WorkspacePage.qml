import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core
import Conversa.Inbox
import Conversa.Conversation
import Conversa.FlowEditor
import Conversa.Dashboard
import Conversa.Admin

// The signed-in workspace: a header with the agent's status (a supervisor's role) and account, the
// inbox on the left, the open conversation on the right. Keyboard: Ctrl+F search, Ctrl+Down/Ctrl+Up
// next/previous chat.
Page {
    id: root

    required property AppContext app
    readonly property SessionController session: root.app.session
    // Who may see the bot flows (bot_flows.read: admins and supervisors) gets their editor too.
    readonly property bool canEditFlows: root.session.permissions.indexOf("bot_flows.read") >= 0
    property bool flowsShown: false

    objectName: "workspacePage"

    header: ToolBar {
        implicitHeight: Theme.headerHeight
        background: Rectangle { color: Theme.header }

        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.spacingL
            anchors.rightMargin: Theme.spacingS
            spacing: Theme.spacingS

            Label {
                objectName: "appName"
                text: qsTr("Conversa")
                color: Theme.headerText
                font.pixelSize: Theme.fontHeading
                font.bold: true
            }
            // The workspace's pages: the chats, and the bot flows for those allowed.
            Row {
                Layout.leftMargin: Theme.spacingL
                visible: root.canEditFlows || adminTab.visible
                ToolButton {
                    objectName: "chatsTab"
                    text: qsTr("Chats")
                    checkable: true
                    checked: pages.currentIndex === 0
                    palette.buttonText: Theme.headerText
                    font.bold: checked
                    onClicked: pages.currentIndex = 0
                }
                ToolButton {
                    objectName: "flowsTab"
                    visible: root.canEditFlows
                    text: qsTr("Bot flows")
                    checkable: true
                    checked: pages.currentIndex === 1
                    palette.buttonText: Theme.headerText
                    font.bold: checked
                    onClicked: pages.currentIndex = 1
                }
                ToolButton {
                    objectName: "dashboardTab"
                    // Who may read the live figures (analytics.read: supervisors and admins).
                    visible: root.session.permissions.indexOf("analytics.read") >= 0
                    text: qsTr("Dashboard")
                    checkable: true
                    checked: pages.currentIndex === 2
                    palette.buttonText: Theme.headerText
                    font.bold: checked
                    onClicked: pages.currentIndex = 2
                }
                // Users, campaigns, clients, tasks…: for whoever may read any of them (agents: their
                // clients and tasks).
                ToolButton {
                    id: adminTab
                    property bool shown: false
                    objectName: "adminTab"
                    visible: adminSections.sections.length > 0
                    text: root.session.permissions.indexOf("users.read") >= 0 ? qsTr("Administration") : qsTr("Clients and tasks")
                    checkable: true
                    checked: pages.currentIndex === 3
                    palette.buttonText: Theme.headerText
                    font.bold: checked
                    onClicked: {
                        shown = true
                        pages.currentIndex = 3
                    }
                }
            }
            Item { Layout.fillWidth: true }
            Rectangle {
                Layout.preferredWidth: 30
                Layout.preferredHeight: 30
                radius: width / 2
                color: Theme.avatarColor(root.session.userName)
                border.color: Theme.headerText
                Label {
                    anchors.centerIn: parent
                    text: Theme.initials(root.session.userName)
                    color: Theme.textOnAccent
                    font.pixelSize: Theme.fontCaption
                    font.bold: true
                }
            }
            Label {
                objectName: "userNameLabel"
                text: root.session.userName
                color: Theme.headerText
                font.pixelSize: Theme.fontBody
                Layout.rightMargin: Theme.spacingS
            }
            // A supervisor or an administrator oversees the chats rather than receiving them from
            // the queue: their role in place of an agent's status.
            Label {
                objectName: "roleLabel"
                visible: root.session.isSupervisor
                text: root.session.roleText
                color: Theme.headerText
                font.pixelSize: Theme.fontCaption
                leftPadding: Theme.spacingM
                rightPadding: Theme.spacingM
                topPadding: 4
                bottomPadding: 4
                background: Rectangle {
                    radius: height / 2
                    color: "transparent"
                    border.color: Theme.headerTextMuted
                }
            }
            // The agent's status: a coloured dot and its name, in the box and in its list.
            ComboBox {
                id: statusBox
                objectName: "agentStatusBox"
                visible: !root.session.isSupervisor
                implicitWidth: 170
                textRole: "text"
                valueRole: "value"
                model: [
                    { value: "available", text: qsTr("Available") },
                    { value: "busy", text: qsTr("Busy") },
                    { value: "paused", text: qsTr("Paused") },
                    { value: "offline", text: qsTr("Offline") }
                ]
                currentIndex: indexOfValue(root.session.agentStatus)
                onActivated: {
                    if (currentValue === "paused")
                        pauseDialog.open()
                    else
                        root.session.setAgentStatus(currentValue, "")
                }
                contentItem: RowLayout {
                    spacing: Theme.spacingS
                    Rectangle {
                        objectName: "agentStatusDot"
                        Layout.leftMargin: Theme.spacingS
                        implicitWidth: 10
                        implicitHeight: 10
                        radius: 5
                        color: Theme.agentStatusColor(root.session.agentStatus)
                    }
                    Label {
                        Layout.fillWidth: true
                        text: statusBox.displayText
                        color: Theme.text
                        elide: Text.ElideRight
                    }
                }
                delegate: ItemDelegate {
                    required property var modelData
                    required property int index
                    width: ListView.view.width
                    highlighted: statusBox.highlightedIndex === index
                    contentItem: RowLayout {
                        spacing: Theme.spacingS
                        Rectangle {
                            implicitWidth: 10
                            implicitHeight: 10
                            radius: 5
                            color: Theme.agentStatusColor(modelData.value)
                        }
                        Label {
                            Layout.fillWidth: true
                            text: modelData.text
                        }
                    }
                }
            }
            Label {
                visible: statusBox.visible && root.session.agentStatus === "paused" && root.session.agentStatusReason.length > 0
                text: root.session.agentStatusReason
                color: Theme.headerTextMuted
                font.italic: true
            }
            ComboBox {
                implicitWidth: 110
                model: [ { value: "es", text: "Español" }, { value: "en", text: "English" } ]
                textRole: "text"
                valueRole: "value"
                Component.onCompleted: currentIndex = indexOfValue(root.app.language)
                onActivated: root.app.language = currentValue
            }
            ToolButton {
                objectName: "accountButton"
                text: qsTr("Account")
                palette.buttonText: Theme.headerText
                onClicked: accountMenu.open()
                Menu {
                    id: accountMenu
                    y: parent.height
                    MenuItem {
                        text: qsTr("Change password…")
                        onTriggered: accountDialog.openAt(0)
                    }
                    MenuItem {
                        text: qsTr("Two-factor authentication…")
                        onTriggered: accountDialog.openAt(1)
                    }
                    MenuSeparator {}
                    MenuItem {
                        objectName: "logoutItem"
                        text: qsTr("Sign out")
                        onTriggered: root.session.logout()
                    }
                }
            }
        }
    }

    StackLayout {
        id: pages
        anchors.fill: parent
        onCurrentIndexChanged: if (currentIndex === 1) root.flowsShown = true

        SplitView {
            handle: Rectangle {
                implicitWidth: 1
                color: Theme.divider
            }

            ChatListPane {
                id: chatList
                app: root.app
                SplitView.preferredWidth: 360
                SplitView.minimumWidth: 280
            }
            ConversationPane {
                app: root.app
                SplitView.fillWidth: true
            }
        }
        // Built the first time it is shown.
        Loader {
            objectName: "flowEditorLoader"
            active: root.canEditFlows && root.flowsShown
            sourceComponent: FlowEditorPage {
                app: root.app
            }
        }
        // The live dashboard, built the first time it is shown; its drill-downs show the inbox.
        Loader {
            objectName: "dashboardLoader"
            readonly property bool shown: pages.currentIndex === 2
            active: false
            onShownChanged: if (shown) active = true
            sourceComponent: DashboardPage {
                app: root.app
                onOpenInbox: pages.currentIndex = 0
            }
        }
        Loader {
            objectName: "adminLoader"
            active: adminTab.visible && adminTab.shown
            sourceComponent: AdminPage {
                app: root.app
                reminders: reminderToast.reminders
            }
        }
    }

    AdminSections {
        id: adminSections
        app: root.app
    }
    // A task's reminder, whatever page shows; opening it shows the task in Administration.
    TaskReminderToast {
        id: reminderToast
        app: root.app
        onOpenTask: {
            adminTab.shown = true
            pages.currentIndex = 3
        }
    }

    Shortcut {
        sequence: StandardKey.Find
        enabled: pages.currentIndex === 0
        onActivated: chatList.focusSearch()
    }
    Shortcut {
        sequences: ["Ctrl+Down", "Alt+Down"]
        enabled: pages.currentIndex === 0
        onActivated: chatList.step(1)
    }
    Shortcut {
        sequences: ["Ctrl+Up", "Alt+Up"]
        enabled: pages.currentIndex === 0
        onActivated: chatList.step(-1)
    }

    Dialog {
        id: pauseDialog
        anchors.centerIn: parent
        modal: true
        title: qsTr("Pause")
        standardButtons: Dialog.Ok | Dialog.Cancel
        TextField {
            id: pauseReason
            width: 280
            placeholderText: qsTr("Reason (e.g. lunch)")
        }
        onAccepted: root.session.setAgentStatus("paused", pauseReason.text)
        onRejected: statusBox.currentIndex = statusBox.indexOfValue(root.session.agentStatus)
    }

    AccountDialog {
        id: accountDialog
        session: root.session
        anchors.centerIn: parent
    }
}
