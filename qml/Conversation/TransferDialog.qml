import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core

// Handing the chat on: back to the queue, to another agent of its campaign, or to another campaign.
Dialog {
    id: root

    required property ConversationController conversation
    readonly property TransferOptions options: root.conversation.transferOptions

    objectName: "transferDialog"
    modal: true
    title: qsTr("Transfer the chat")
    onAboutToShow: {
        transferReason.clear()
        root.conversation.loadChoices()
    }
    ColumnLayout {
        ComboBox {
            id: transferType
            objectName: "transferType"
            Layout.preferredWidth: 300
            textRole: "text"
            valueRole: "value"
            model: [
                { value: "queue", text: qsTr("Back to the queue") },
                { value: "agent", text: qsTr("To an agent") },
                { value: "campaign", text: qsTr("To a campaign") }
            ]
        }
        ComboBox {
            id: transferTarget
            objectName: "transferTarget"
            Layout.fillWidth: true
            visible: transferType.currentValue !== "queue"
            textRole: "name"
            valueRole: "choiceId"
            model: transferType.currentValue === "agent" ? root.options.agents : root.options.campaigns
            delegate: ChoiceDelegate {
                width: ListView.view.width
                highlightedIndex: transferTarget.highlightedIndex
            }
        }
        Label {
            visible: transferTarget.visible && transferTarget.count === 0
            text: qsTr("Nothing to choose from: you may only send the chat back to the queue.")
            color: Theme.textMuted
        }
        TextField { id: transferReason; objectName: "transferReason"; Layout.fillWidth: true; placeholderText: qsTr("Reason") }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "transferConfirm"
            text: qsTr("Transfer")
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
    onAccepted: {
        const target = Number(transferTarget.currentValue || 0)
        if (transferType.currentValue === "queue")
            root.conversation.transferToQueue(transferReason.text)
        else if (transferType.currentValue === "agent")
            root.conversation.transferToAgent(target, transferReason.text)
        else
            root.conversation.transferToCampaign(target, transferReason.text)
    }
}
