import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import Conversa.App

// The open conversation: header with the chat's state and actions, messages (scroll up for older
// ones), the typing indicator, the 24-hour window and the composer (free text inside the window,
// templates outside it), and the client panel.
Pane {
    id: root

    required property AppContext app
    readonly property ConversationController conversation: root.app.conversation
    readonly property bool hasChat: root.conversation.chatId > 0
    readonly property bool chatOpen: root.conversation.status !== "closed"

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

            ToolBar {
                Layout.fillWidth: true
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
                        text: qsTr("Reopen")
                        visible: !root.chatOpen
                        onClicked: root.conversation.reopen()
                    }
                    ToolButton {
                        text: qsTr("Transfer…")
                        visible: root.chatOpen
                        onClicked: transferDialog.open()
                    }
                    ToolButton {
                        objectName: "assignButton"
                        text: qsTr("Assign…")
                        visible: root.chatOpen && root.app.session.isSupervisor
                        onClicked: assignDialog.open()
                    }
                    ToolButton {
                        objectName: "closeChatButton"
                        text: qsTr("Close…")
                        visible: root.chatOpen
                        onClicked: closeDialog.open()
                    }
                    ToolButton {
                        text: panel.visible ? qsTr("Hide client") : qsTr("Client")
                        onClicked: panel.visible = !panel.visible
                    }
                }
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

            ListView {
                id: messages
                objectName: "messageList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: root.conversation.messages
                spacing: 2
                topMargin: Theme.spacingS
                bottomMargin: Theme.spacingS
                ScrollBar.vertical: ScrollBar {}
                // Day separators: "Today", "Yesterday", then the date.
                section.property: "day"
                section.delegate: Item {
                    required property string section
                    width: ListView.view.width
                    height: dayLabel.implicitHeight + 2 * Theme.spacingS
                    Label {
                        id: dayLabel
                        objectName: "daySeparator"
                        anchors.centerIn: parent
                        text: Theme.dayLabel(parent.section, root.app.language)
                        font.pixelSize: Theme.fontSmall
                        color: Theme.textMuted
                        leftPadding: Theme.spacingM
                        rightPadding: Theme.spacingM
                        topPadding: 4
                        bottomPadding: 4
                        background: Rectangle {
                            radius: Theme.radiusM
                            color: Theme.daySeparator
                        }
                    }
                }
                delegate: MessageBubble {
                    width: ListView.view.width
                    onRetryRequested: id => root.conversation.retry(id)
                }
                // Near the top: the next older page. Once it is in, the message that was on
                // top stays where it was (the view would otherwise stay at the new top, and
                // reaching the top again would never happen without scrolling down first).
                property bool loadingOlder: false
                property int countBeforeOlder: 0
                function loadOlder() {
                    if (loadingOlder || !root.conversation.hasOlder)
                        return
                    loadingOlder = true
                    countBeforeOlder = count
                    root.conversation.loadOlder()
                    if (!root.conversation.busy)   // nothing started (another request in flight)
                        loadingOlder = false
                }
                onCountChanged: {
                    if (loadingOlder && count > countBeforeOlder) {
                        loadingOlder = false
                        keepIndex = count - countBeforeOlder
                        positionViewAtIndex(keepIndex, ListView.Beginning)
                        Qt.callLater(keepPlace)   // again once the new rows are laid out
                        return
                    }
                    if (atYEnd || count < 60)
                        Qt.callLater(positionViewAtEnd)
                }
                property int keepIndex: -1
                function keepPlace() {
                    if (keepIndex >= 0 && keepIndex < count && !loadingOlder)
                        positionViewAtIndex(keepIndex, ListView.Beginning)
                    keepIndex = -1
                }
                function endOlderAttempt() {
                    if (count === countBeforeOlder && !root.conversation.busy)   // not a newer attempt
                        loadingOlder = false
                }
                // The view's geometry settles after rows are laid out, without always moving
                // contentY or originY: a reader left near the top still gets the next page.
                Timer {
                    interval: 250
                    repeat: true
                    running: messages.visible && messages.count > 0 && root.conversation.hasOlder
                    onTriggered: {
                        if (root.conversation.busy)
                            return
                        // Nothing in flight: an attempt that left no rows is over, whatever ended it.
                        if (messages.loadingOlder && messages.count === messages.countBeforeOlder)
                            messages.loadingOlder = false
                        if (!messages.loadingOlder)
                            messages.loadIfNearTop()
                    }
                }
                onAtYBeginningChanged: if (atYBeginning) loadOlder()
                // Within a screen of the top, the next page is already asked for, so a reader
                // scrolling up rarely reaches the edge and waits.
                // originY moves too: the view re-estimates the height of rows it has not laid out.
                function loadIfNearTop() {
                    if (count > 0 && contentY - originY < height)
                        loadOlder()
                }
                onContentYChanged: loadIfNearTop()
                onOriginYChanged: loadIfNearTop()
                Connections {
                    target: root.conversation
                    // A page that failed, or came back empty, ends this attempt (checked once the
                    // answer's rows, if any, are in: busy ends before they are added).
                    function onBusyChanged() {
                        if (!root.conversation.busy)
                            Qt.callLater(messages.endOlderAttempt)
                    }
                    function onChatChanged() { messages.loadingOlder = false }
                }
            }

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
                visible: root.conversation.uploading
                value: root.conversation.uploadProgress
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
                    enabled: !root.conversation.uploading
                    onClicked: fileDialog.open()
                }
                Button {
                    id: sendButton
                    objectName: "sendButton"
                    text: qsTr("Send")
                    highlighted: true
                    enabled: composer.text.trim().length > 0
                    onClicked: {
                        root.conversation.sendText(composer.text)
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
                readonly property var current: templatePicker.currentIndex >= 0
                                               ? root.conversation.templates[templatePicker.currentIndex] : null

                RowLayout {
                    Layout.fillWidth: true
                    ComboBox {
                        id: templatePicker
                        objectName: "templatePicker"
                        Layout.fillWidth: true
                        model: root.conversation.templates
                        textRole: "name"
                        displayText: templateComposer.current
                                     ? templateComposer.current.name + " (" + templateComposer.current.language + ")"
                                     : qsTr("Choose a template")
                    }
                    Button {
                        objectName: "sendTemplateButton"
                        text: qsTr("Send template")
                        enabled: templateComposer.current !== null
                        onClicked: {
                            const t = templateComposer.current
                            const vars = {}
                            for (let i = 0; i < templateVariables.count; ++i)
                                vars[t.variables[i]] = templateVariables.itemAt(i).text.trim()
                            root.conversation.sendTemplate(t.name, t.language, vars)
                            for (let i = 0; i < templateVariables.count; ++i)
                                templateVariables.itemAt(i).clear()
                        }
                    }
                }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    visible: text.length > 0
                    text: templateComposer.current ? templateComposer.current.body : root.conversation.templatesError
                    color: templateComposer.current ? palette.text : Theme.textMuted
                }
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.spacingS
                    Repeater {
                        id: templateVariables
                        model: templateComposer.current ? templateComposer.current.variables : []
                        TextField {
                            required property string modelData
                            objectName: "templateVariable_" + modelData
                            width: 160
                            placeholderText: "{{" + modelData + "}}"
                        }
                    }
                }
            }
        }

        // The client and the chat's notes and tags.
        Pane {
            id: panel
            objectName: "clientPanel"
            Layout.preferredWidth: 260
            Layout.fillHeight: true
            visible: false
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
                Label { text: root.conversation.client.email || ""; visible: text.length > 0 }
                Button {
                    objectName: "editClientButton"
                    text: qsTr("Edit client…")
                    onClicked: clientDialog.open()
                }
                Label { text: qsTr("Priority"); font.bold: true; color: Theme.senderName; Layout.topMargin: Theme.spacingS }
                ComboBox {
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
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    text: root.conversation.tags.join(", ")
                }
                TextField {
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
                        text: (modelData.user ? modelData.user.first_name + ": " : "") + modelData.content
                    }
                }
                TextField {
                    Layout.fillWidth: true
                    placeholderText: qsTr("Add an internal note")
                    onAccepted: {
                        root.conversation.addNote(text)
                        clear()
                    }
                }
            }
        }
    }

    FileDialog {
        id: fileDialog
        title: qsTr("Send a file")
        onAccepted: {
            root.conversation.sendFile(selectedFile, composer.text)
            composer.clear()
        }
    }

    Dialog {
        id: closeDialog
        anchors.centerIn: parent
        modal: true
        title: qsTr("Close the chat")
        standardButtons: Dialog.Ok | Dialog.Cancel
        ColumnLayout {
            TextField { id: closeReason; placeholderText: qsTr("Reason"); Layout.preferredWidth: 300 }
            ComboBox {
                id: outcome
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
            TextField { id: outcomeValue; placeholderText: qsTr("Value"); validator: IntValidator { bottom: 0 }
                Layout.fillWidth: true
            }
            TextArea { id: closeNotes; placeholderText: qsTr("Notes"); Layout.fillWidth: true; Layout.preferredHeight: 80 }
        }
        onAccepted: root.conversation.closeChat(closeReason.text, outcome.currentValue, Number(outcomeValue.text || 0), closeNotes.text)
    }

    Dialog {
        id: transferDialog
        objectName: "transferDialog"
        anchors.centerIn: parent
        modal: true
        title: qsTr("Transfer the chat")
        standardButtons: Dialog.Ok | Dialog.Cancel
        onAboutToShow: root.conversation.loadChoices()
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
                valueRole: "id"
                model: transferType.currentValue === "agent" ? root.conversation.agentChoices
                                                             : root.conversation.campaignChoices
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
            TextField { id: transferReason; Layout.fillWidth: true; placeholderText: qsTr("Reason") }
        }
        onAccepted: {
            const target = transferType.currentValue === "queue" ? 0 : Number(transferTarget.currentValue || 0)
            if (transferType.currentValue === "queue" || target > 0)
                root.conversation.transfer(transferType.currentValue, target, transferReason.text)
        }
    }

    Dialog {
        id: assignDialog
        objectName: "assignDialog"
        anchors.centerIn: parent
        modal: true
        title: qsTr("Assign the chat")
        standardButtons: Dialog.Ok | Dialog.Cancel
        onAboutToShow: root.conversation.loadChoices()
        ComboBox {
            id: assignAgent
            objectName: "assignAgent"
            implicitWidth: 300
            textRole: "name"
            valueRole: "id"
            model: root.conversation.agentChoices
            delegate: ChoiceDelegate {
                width: ListView.view.width
                highlightedIndex: assignAgent.highlightedIndex
            }
        }
        onAccepted: if (Number(assignAgent.currentValue || 0) > 0) root.conversation.assign(Number(assignAgent.currentValue))
    }

    // The client's details; each field shows the server's complaint about it under it.
    Dialog {
        id: clientDialog
        objectName: "clientDialog"
        anchors.centerIn: parent
        modal: true
        title: qsTr("Client details")
        standardButtons: Dialog.Cancel
        closePolicy: Popup.CloseOnEscape

        function fill() {
            const c = root.conversation.client
            clientFirstName.text = c.first_name || ""
            clientLastName.text = c.last_name || ""
            clientEmail.text = c.email || ""
            clientNotes.text = c.notes || ""
            clientTags.text = (c.tags || []).join(", ")
            const fields = c.custom_fields || {}
            clientCustom.text = Object.keys(fields).map(k => k + ": " + fields[k]).join("\n")
        }
        function changes() {
            const custom = {}
            for (const line of clientCustom.text.split("\n")) {
                const at = line.indexOf(":")
                if (at > 0)
                    custom[line.slice(0, at).trim()] = line.slice(at + 1).trim()
            }
            return {
                first_name: clientFirstName.text.trim(),
                last_name: clientLastName.text.trim(),
                email: clientEmail.text.trim(),
                notes: clientNotes.text.trim(),
                tags: clientTags.text.split(",").map(t => t.trim()).filter(t => t.length > 0),
                custom_fields: custom
            }
        }
        onAboutToShow: fill()
        // Stays open until the server took it.
        Connections {
            target: root.conversation
            function onClientSaved() { clientDialog.close() }
        }

        GridLayout {
            columns: 2
            width: 420
            Label { text: qsTr("First name") }
            TextField { id: clientFirstName; objectName: "clientFirstName"; Layout.fillWidth: true }
            Label { text: qsTr("Last name") }
            TextField { id: clientLastName; objectName: "clientLastName"; Layout.fillWidth: true }
            Label { text: qsTr("Email") }
            TextField { id: clientEmail; objectName: "clientEmail"; Layout.fillWidth: true }
            Item { width: 1; height: 1; visible: emailError.visible }
            Label {
                id: emailError
                objectName: "clientEmailError"
                text: root.conversation.clientErrors.email || ""
                visible: text.length > 0
                color: Theme.danger
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label { text: qsTr("Tags") }
            TextField { id: clientTags; Layout.fillWidth: true; placeholderText: qsTr("Separated by commas") }
            Item { width: 1; height: 1; visible: tagsError.visible }
            Label {
                id: tagsError
                text: root.conversation.clientErrors.tags || ""
                visible: text.length > 0
                color: Theme.danger
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label { text: qsTr("Notes") }
            TextArea { id: clientNotes; Layout.fillWidth: true; Layout.preferredHeight: 60; wrapMode: TextEdit.Wrap }
            Label { text: qsTr("Custom fields") }
            TextArea {
                id: clientCustom
                Layout.fillWidth: true
                Layout.preferredHeight: 60
                placeholderText: qsTr("One per line: name: value")
            }
            Item { width: 1; height: 1; visible: otherErrors.visible }
            Label {
                id: otherErrors
                // Field errors without a place of their own (names, notes, custom fields).
                text: Object.keys(root.conversation.clientErrors).filter(k => k !== "email" && k !== "tags")
                            .map(k => root.conversation.clientErrors[k]).join("\n")
                visible: text.length > 0
                color: Theme.danger
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Item { width: 1; height: 1 }
            Button {
                objectName: "clientSaveButton"
                text: qsTr("Save")
                enabled: !root.conversation.busy
                onClicked: root.conversation.saveClient(clientDialog.changes())
            }
        }
    }
}
