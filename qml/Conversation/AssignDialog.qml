import QtQuick
import QtQuick.Controls
import Conversa.Core

// A supervisor gives the chat to one of its campaign's agents.
Dialog {
    id: root

    required property ConversationController conversation

    objectName: "assignDialog"
    modal: true
    title: qsTr("Assign the chat")
    onAboutToShow: root.conversation.loadChoices()
    ComboBox {
        id: assignAgent
        objectName: "assignAgent"
        implicitWidth: 300
        textRole: "name"
        valueRole: "choiceId"
        model: root.conversation.transferOptions.agents
        delegate: ChoiceDelegate {
            width: ListView.view.width
            highlightedIndex: assignAgent.highlightedIndex
        }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "assignConfirm"
            text: qsTr("Assign")
            enabled: assignAgent.count > 0
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
    onAccepted: root.conversation.assign(Number(assignAgent.currentValue || 0))
}
