import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core

// Closing the chat: why, how it ended (and its value), notes.
Dialog {
    id: root

    required property ConversationController conversation

    objectName: "closeChatDialog"
    modal: true
    title: qsTr("Close the chat")
    onAboutToShow: {
        closeReason.clear()
        outcome.currentIndex = 0
        outcomeValue.clear()
        closeNotes.clear()
    }
    ColumnLayout {
        TextField { id: closeReason; objectName: "closeReason"; placeholderText: qsTr("Reason"); Layout.preferredWidth: 300 }
        ComboBox {
            id: outcome
            objectName: "closeOutcome"
            Layout.fillWidth: true
            textRole: "text"
            valueRole: "value"
            model: [
                { value: "sale", text: qsTr("Sale") },
                { value: "no_sale", text: qsTr("No sale") },
                { value: "information", text: qsTr("Information") },
                { value: "complaint", text: qsTr("Complaint") }
            ]
        }
        TextField {
            id: outcomeValue
            objectName: "closeOutcomeValue"
            placeholderText: qsTr("Value")
            validator: IntValidator { bottom: 0 }
            Layout.fillWidth: true
        }
        TextArea { id: closeNotes; objectName: "closeNotes"; placeholderText: qsTr("Notes"); Layout.fillWidth: true; Layout.preferredHeight: 80 }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "closeChatConfirm"
            text: qsTr("Close chat")
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
    onAccepted: root.conversation.closeChat(closeReason.text, outcome.currentValue, Number(outcomeValue.text || 0), closeNotes.text)
}
