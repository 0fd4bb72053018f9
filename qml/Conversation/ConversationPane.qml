import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core

// The open conversation: the header with the chat's state and actions, the 24-hour window, the
// messages, the composer, the client panel, and the actions' dialogs.
Pane {
    id: root

    required property AppContext app
    readonly property ConversationController conversation: root.app.conversation
    readonly property bool hasChat: root.conversation.chatId > 0

    objectName: "conversationPane"
    padding: 0
    background: Rectangle { color: root.hasChat ? Theme.conversationBackground : Theme.window }

    ColumnLayout {
        objectName: "noChatSelected"
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.spacingXl, 420)
        visible: !root.hasChat
        spacing: Theme.spacingS
        EmptyIcon { Layout.alignment: Qt.AlignHCenter }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Select a chat")
            font.pixelSize: Theme.fontHeading
            color: Theme.text
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: qsTr("Choose one in the list, or go through them with Ctrl+Down and Ctrl+Up. Ctrl+F searches.")
            font.pixelSize: Theme.fontCaption
            color: Theme.textMuted
        }
    }

    RowLayout {
        anchors.fill: parent
        visible: root.hasChat
        spacing: 0

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            ConversationHeader {
                Layout.fillWidth: true
                app: root.app
                clientPanelShown: panel.visible
                onTransferRequested: transferDialog.open()
                onAssignRequested: assignDialog.open()
                onCloseRequested: closeDialog.open()
                onClientPanelToggled: panel.visible = !panel.visible
            }

            Label {
                objectName: "windowLabel"
                Layout.alignment: Qt.AlignHCenter
                Layout.topMargin: Theme.spacingS
                visible: text.length > 0
                horizontalAlignment: Text.AlignHCenter
                text: root.conversation.windowRemaining
                color: root.conversation.windowOpen ? Theme.textMuted : Theme.danger
                font.pixelSize: Theme.fontSmall
                leftPadding: Theme.spacingM
                rightPadding: Theme.spacingM
                topPadding: 3
                bottomPadding: 3
                background: Rectangle {
                    radius: height / 2
                    color: root.conversation.windowOpen ? Theme.surface : Theme.dangerSurface
                    opacity: 0.9
                }
            }

            MessageList {
                Layout.fillWidth: true
                Layout.fillHeight: true
                app: root.app
            }

            // An agent replies once the chat is theirs: a queued or bot chat is taken first.
            Pane {
                objectName: "takeBar"
                Layout.fillWidth: true
                visible: root.conversation.mustTake
                background: Rectangle { color: Theme.surface }
                RowLayout {
                    anchors.fill: parent
                    spacing: Theme.spacingM
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("This chat is not yours yet. Take it to reply.")
                        color: Theme.textMuted
                        wrapMode: Text.Wrap
                    }
                    Button {
                        objectName: "takeButton"
                        text: qsTr("Take chat")
                        highlighted: true
                        enabled: !root.conversation.busy
                        onClicked: root.conversation.take()
                    }
                }
            }
            ComposerBar {
                Layout.fillWidth: true
                visible: !root.conversation.mustTake
                app: root.app
            }
        }

        ClientPanel {
            id: panel
            Layout.preferredWidth: 260
            Layout.fillHeight: true
            visible: false
            app: root.app
            onEditClientRequested: clientDialog.open()
        }
    }

    CloseChatDialog {
        id: closeDialog
        anchors.centerIn: parent
        conversation: root.conversation
    }
    TransferDialog {
        id: transferDialog
        anchors.centerIn: parent
        conversation: root.conversation
    }
    AssignDialog {
        id: assignDialog
        anchors.centerIn: parent
        conversation: root.conversation
    }
    ClientDialog {
        id: clientDialog
        anchors.centerIn: parent
        editor: root.conversation.clientEditor
    }
}
