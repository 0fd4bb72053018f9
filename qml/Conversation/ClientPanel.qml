import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core

// Beside the conversation: the client, and the chat's priority, tags and internal notes.
Pane {
    id: root

    required property AppContext app
    readonly property ConversationController conversation: root.app.conversation

    signal editClientRequested()

    objectName: "clientPanel"
    background: Rectangle {
        color: Theme.surface
        Rectangle { width: 1; height: parent.height; color: Theme.divider }
    }
    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacingXs
        Label { text: qsTr("Client"); font.bold: true; color: Theme.senderName; Layout.topMargin: Theme.spacingS }
        Label { text: root.conversation.title }
        Label { text: root.conversation.phoneNumber }
        Label { text: root.conversation.clientEditor.savedEmail; visible: text.length > 0 }
        Button {
            objectName: "editClientButton"
            text: qsTr("Edit client…")
            onClicked: root.editClientRequested()
        }
        Label { text: qsTr("Priority"); font.bold: true; color: Theme.senderName; Layout.topMargin: Theme.spacingS }
        ComboBox {
            objectName: "priorityBox"
            Layout.fillWidth: true
            textRole: "text"
            valueRole: "value"
            model: [
                { value: "low", text: qsTr("Low") },
                { value: "normal", text: qsTr("Normal") },
                { value: "high", text: qsTr("High") },
                { value: "urgent", text: qsTr("Urgent") }
            ]
            currentIndex: Math.max(0, indexOfValue(root.conversation.priority))
            onActivated: root.conversation.setPriority(currentValue)
        }
        Label { text: qsTr("Tags"); font.bold: true; color: Theme.senderName; Layout.topMargin: Theme.spacingS }
        Label {
            objectName: "chatTags"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: root.conversation.tags.join(", ")
        }
        TextField {
            objectName: "addTagField"
            Layout.fillWidth: true
            placeholderText: qsTr("Add a tag")
            onAccepted: {
                root.conversation.addTag(text)
                clear()
            }
        }
        Label { text: qsTr("Internal notes"); font.bold: true; color: Theme.senderName; Layout.topMargin: Theme.spacingS }
        ListView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.conversation.notes
            delegate: Label {
                required property var modelData
                width: ListView.view.width
                wrapMode: Text.Wrap
                text: (modelData.author.length > 0 ? modelData.author + ": " : "") + modelData.content
            }
        }
        TextField {
            objectName: "addNoteField"
            Layout.fillWidth: true
            placeholderText: qsTr("Add an internal note")
            onAccepted: {
                root.conversation.addNote(text)
                clear()
            }
        }
    }
}
