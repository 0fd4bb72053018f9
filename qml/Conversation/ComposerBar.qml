import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import Conversa.Core

// Under the messages: who is typing, the last error, the upload's progress, and what the agent
// sends — free text (or a file) inside the 24-hour window, one of the number's templates outside it.
ColumnLayout {
    id: root

    required property AppContext app
    readonly property ConversationController conversation: root.app.conversation
    readonly property Composer composer: root.conversation.composer
    readonly property bool chatOpen: root.conversation.status !== "closed"

    spacing: 0

    Label {
        objectName: "typingLabel"
        Layout.leftMargin: Theme.spacingL
        visible: text.length > 0
        text: root.conversation.typingText
        font.italic: true
        color: Theme.textMuted
    }
    Label {
        Layout.fillWidth: true
        Layout.leftMargin: Theme.spacingL
        visible: text.length > 0
        text: root.conversation.errorMessage
        color: Theme.danger
        wrapMode: Text.Wrap
    }

    ProgressBar {
        objectName: "uploadProgress"
        Layout.fillWidth: true
        Layout.leftMargin: Theme.spacingS
        Layout.rightMargin: Theme.spacingS
        visible: root.composer.uploading
        value: root.composer.uploadProgress
    }

    // Free text inside the 24-hour window.
    RowLayout {
        Layout.fillWidth: true
        Layout.margins: Theme.spacingS
        Layout.leftMargin: Theme.spacingL
        Layout.rightMargin: Theme.spacingL
        spacing: Theme.spacingS
        visible: root.chatOpen && root.conversation.windowOpen
        ScrollView {
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(120, Math.max(40, composer.implicitHeight))
            TextArea {
                id: composer
                objectName: "composer"
                placeholderText: qsTr("Write a message (Enter sends, Shift+Enter for a new line)")
                wrapMode: TextEdit.Wrap
                font.pixelSize: Theme.fontBody
                leftPadding: Theme.spacingM
                rightPadding: Theme.spacingM
                background: Rectangle {
                    radius: Theme.radiusL
                    color: Theme.surface
                    border.color: composer.activeFocus ? Theme.accent : Theme.divider
                }
                onTextChanged: if (text.length > 0) root.conversation.notifyTyping()
                // Return or the keypad's Enter sends; with Shift the TextArea breaks the line.
                Keys.onPressed: event => {
                    if ((event.key !== Qt.Key_Return && event.key !== Qt.Key_Enter)
                            || (event.modifiers & Qt.ShiftModifier)) {
                        event.accepted = false
                        return
                    }
                    event.accepted = true
                    if (sendButton.enabled)
                        sendButton.clicked()
                }
            }
        }
        Button {
            objectName: "attachButton"
            text: qsTr("Attach…")
            enabled: !root.composer.uploading
            onClicked: fileDialog.open()
        }
        Button {
            id: sendButton
            objectName: "sendButton"
            text: qsTr("Send")
            highlighted: true
            enabled: composer.text.trim().length > 0
            onClicked: {
                root.composer.sendText(composer.text)
                composer.clear()
            }
        }
    }

    // Outside the window only templates go: one of the chat's number's, one field per variable.
    ColumnLayout {
        id: templateComposer
        objectName: "templateComposer"
        Layout.fillWidth: true
        Layout.margins: Theme.spacingS
        Layout.leftMargin: Theme.spacingL
        Layout.rightMargin: Theme.spacingL
        visible: root.chatOpen && !root.conversation.windowOpen
        readonly property int current: templatePicker.currentIndex
        readonly property bool chosen: current >= 0 && current < templatePicker.count

        RowLayout {
            Layout.fillWidth: true
            ComboBox {
                id: templatePicker
                objectName: "templatePicker"
                Layout.fillWidth: true
                model: root.composer.templates
                textRole: "name"
                valueRole: "language"
                displayText: templateComposer.chosen ? currentText + " (" + currentValue + ")" : qsTr("Choose a template")
            }
            Button {
                objectName: "sendTemplateButton"
                text: qsTr("Send template")
                enabled: templateComposer.chosen
                onClicked: {
                    const values = []
                    for (let i = 0; i < templateVariables.count; ++i)
                        values.push(templateVariables.itemAt(i).text)
                    root.composer.sendTemplate(templateComposer.current, values)
                    for (let i = 0; i < templateVariables.count; ++i)
                        templateVariables.itemAt(i).clear()
                }
            }
        }
        Label {
            objectName: "templateBody"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            visible: text.length > 0
            text: templateComposer.chosen ? root.composer.templates.bodyAt(templateComposer.current) : root.composer.templatesError
            color: templateComposer.chosen ? palette.text : Theme.textMuted
        }
        Flow {
            Layout.fillWidth: true
            spacing: Theme.spacingS
            Repeater {
                id: templateVariables
                model: templateComposer.chosen ? root.composer.templates.variablesAt(templateComposer.current) : []
                TextField {
                    required property string modelData
                    objectName: "templateVariable_" + modelData
                    width: 160
                    placeholderText: "{{" + modelData + "}}"
                }
            }
        }
    }

    FileDialog {
        id: fileDialog
        title: qsTr("Send a file")
        onAccepted: {
            root.composer.sendFile(selectedFile, composer.text)
            composer.clear()
        }
    }
}
