import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.App

// The signed-in workspace: a header with the agent's status and account, the inbox on the left,
// the open conversation on the right. Keyboard: Ctrl+F search, Ctrl+Down/Ctrl+Up next/previous chat.
Page {
    id: root

    required property AppContext app
    readonly property SessionController session: root.app.session

    objectName: "workspacePage"

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8
            spacing: 8

            Label {
                text: qsTr("Conversa")
                font.bold: true
            }
            Item { Layout.fillWidth: true }
            Label {
                objectName: "userNameLabel"
                text: root.session.userName
            }
            ComboBox {
                id: statusBox
                objectName: "agentStatusBox"
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
            }
            Label {
                visible: root.session.agentStatus === "paused" && root.session.agentStatusReason.length > 0
                text: root.session.agentStatusReason
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

    SplitView {
        anchors.fill: parent

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

    Shortcut {
        sequence: StandardKey.Find
        onActivated: chatList.focusSearch()
    }
    Shortcut {
        sequences: ["Ctrl+Down", "Alt+Down"]
        onActivated: chatList.step(1)
    }
    Shortcut {
        sequences: ["Ctrl+Up", "Alt+Up"]
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
