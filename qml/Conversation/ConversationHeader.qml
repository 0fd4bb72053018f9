import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core

// The open chat's header: who, where it stands, and its actions (each opens its dialog).
ToolBar {
    id: root

    required property AppContext app
    required property bool clientPanelShown
    readonly property ConversationController conversation: root.app.conversation
    readonly property bool chatOpen: root.conversation.status !== "closed"

    signal transferRequested()
    signal assignRequested()
    signal closeRequested()
    signal clientPanelToggled()

    implicitHeight: 56
    background: Rectangle {
        color: Theme.surface
        Rectangle {
            anchors.bottom: parent.bottom
            width: parent.width
            height: 1
            color: Theme.divider
        }
    }
    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingL
        anchors.rightMargin: Theme.spacingS
        spacing: Theme.spacingM
        Rectangle {
            Layout.preferredWidth: 36
            Layout.preferredHeight: 36
            radius: width / 2
            color: Theme.avatarColor(root.conversation.title)
            Label {
                anchors.centerIn: parent
                text: Theme.initials(root.conversation.title)
                color: Theme.textOnAccent
                font.pixelSize: Theme.fontBody
                font.bold: true
            }
        }
        ColumnLayout {
            spacing: 0
            Label {
                objectName: "chatTitle"
                text: root.conversation.title
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
            }
            Label {
                text: root.conversation.phoneNumber + " · " + root.conversation.campaignName + " · " + root.conversation.statusText
                      + (root.conversation.assignedAgentName.length > 0 ? " · " + root.conversation.assignedAgentName : "")
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
            }
        }
        Item { Layout.fillWidth: true }
        ToolButton {
            objectName: "reopenButton"
            text: qsTr("Reopen")
            visible: !root.chatOpen
            onClicked: root.conversation.reopen()
        }
        ToolButton {
            objectName: "transferButton"
            text: qsTr("Transfer…")
            visible: root.chatOpen
            onClicked: root.transferRequested()
        }
        ToolButton {
            objectName: "assignButton"
            text: qsTr("Assign…")
            visible: root.chatOpen && root.app.session.isSupervisor
            onClicked: root.assignRequested()
        }
        ToolButton {
            objectName: "closeChatButton"
            text: qsTr("Close…")
            visible: root.chatOpen
            onClicked: root.closeRequested()
        }
        ToolButton {
            objectName: "clientPanelButton"
            text: root.clientPanelShown ? qsTr("Hide client") : qsTr("Client")
            onClicked: root.clientPanelToggled()
        }
    }
}
