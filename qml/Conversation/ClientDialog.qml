import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core

// The client's details, edited through the conversation's ClientEditor; each field shows the
// server's complaint about it under it. Stays open until the server took the change.
Dialog {
    id: root

    required property ClientEditor editor

    objectName: "clientDialog"
    modal: true
    title: qsTr("Client details")
    closePolicy: Popup.CloseOnEscape
    onAboutToShow: {
        root.editor.revert()
        clientFirstName.text = root.editor.firstName
        clientLastName.text = root.editor.lastName
        clientEmail.text = root.editor.email
        clientNotes.text = root.editor.notes
        clientTags.text = root.editor.tagsText
        clientCustom.text = root.editor.customFieldsText
    }
    Connections {
        target: root.editor
        function onSaved() { root.close() }
    }

    component FieldError: Label {
        visible: text.length > 0
        color: Theme.danger
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    GridLayout {
        columns: 2
        width: 420
        Label { text: qsTr("First name") }
        ColumnLayout {
            TextField { id: clientFirstName; objectName: "clientFirstName"; Layout.fillWidth: true; onTextChanged: root.editor.firstName = text }
            FieldError { text: root.editor.firstNameError }
        }
        Label { text: qsTr("Last name") }
        ColumnLayout {
            TextField { id: clientLastName; objectName: "clientLastName"; Layout.fillWidth: true; onTextChanged: root.editor.lastName = text }
            FieldError { text: root.editor.lastNameError }
        }
        Label { text: qsTr("Email") }
        ColumnLayout {
            TextField { id: clientEmail; objectName: "clientEmail"; Layout.fillWidth: true; onTextChanged: root.editor.email = text }
            FieldError { objectName: "clientEmailError"; text: root.editor.emailError }
        }
        Label { text: qsTr("Tags") }
        ColumnLayout {
            TextField {
                id: clientTags
                objectName: "clientTags"
                Layout.fillWidth: true
                placeholderText: qsTr("Separated by commas")
                onTextChanged: root.editor.tagsText = text
            }
            FieldError { objectName: "clientTagsError"; text: root.editor.tagsError }
        }
        Label { text: qsTr("Notes") }
        ColumnLayout {
            TextArea {
                id: clientNotes
                objectName: "clientNotes"
                Layout.fillWidth: true
                Layout.preferredHeight: 60
                wrapMode: TextEdit.Wrap
                onTextChanged: root.editor.notes = text
            }
            FieldError { text: root.editor.notesError }
        }
        Label { text: qsTr("Custom fields") }
        ColumnLayout {
            TextArea {
                id: clientCustom
                objectName: "clientCustomFields"
                Layout.fillWidth: true
                Layout.preferredHeight: 60
                placeholderText: qsTr("One per line: name: value")
                onTextChanged: root.editor.customFieldsText = text
            }
            FieldError { text: root.editor.customFieldsError }
        }
        // Field errors without a place of their own.
        Item { implicitWidth: 1; implicitHeight: 1; visible: otherErrors.visible }
        FieldError { id: otherErrors; objectName: "clientOtherErrors"; text: root.editor.otherErrors }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "clientSaveButton"
            text: qsTr("Save")
            enabled: !root.editor.saving
            // Not an AcceptRole button: the dialog closes when the server took the change.
            onClicked: root.editor.save()
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
