import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core
import Conversa.Admin

// One task: a new one's form, or an existing one's form with completing it and its comments; each
// field's error from the server under it. Dates are typed as local "yyyy-MM-dd HH:mm". A task may
// be on a client (picked by a search) and a chat (its number). What the role may not do is not shown.
Pane {
    id: root

    required property TasksController controller
    required property var page   // TasksPage: status and priority names
    readonly property var task: root.controller.item
    readonly property bool creating: root.controller.itemId === 0
    readonly property bool editable: root.creating ? root.controller.canCreate : root.controller.canUpdate
    readonly property bool open: root.task.status !== "completed" && root.task.status !== "cancelled"
    readonly property FormErrors errors: root.controller.errors
    property real clientId: 0
    property string clientLabel: ""

    function clientText(client: var): string {
        const name = root.page.personName(client)
        return name.length > 0 ? name + " · " + client.phone_number : client.phone_number || ""
    }
    // The form's values by wire name, for controller.save().
    function values(): var {
        const v = {
            title: title.text,
            description: description.text,
            priority: priorityBox.currentValue,
            due_date: due.text,
            reminder_date: reminder.text,
            client_id: root.clientId,
            chat_id: chat.text.trim().length > 0 ? Number(chat.text) : 0
        }
        if (!root.creating)
            v.status = statusBox.currentValue
        if (assigneeBox.visible && assigneeBox.currentValue !== undefined)
            v.assigned_to_user_id = assigneeBox.currentValue
        return v
    }
    function load() {
        title.text = root.task.title || ""
        description.text = root.task.description || ""
        priorityBox.currentIndex = Math.max(0, priorityBox.indexOfValue(root.task.priority || "medium"))
        statusBox.currentIndex = Math.max(0, statusBox.indexOfValue(root.task.status || "pending"))
        due.text = root.controller.localText(root.task.due_date || "")
        reminder.text = root.controller.localText(root.task.reminder_date || "")
        chat.text = root.task.chat_id ? String(root.task.chat_id) : ""
        root.clientId = root.task.client_id || 0
        root.clientLabel = root.task.client ? root.clientText(root.task.client) : ""
        notes.text = ""
        comment.text = ""
        root.selectAssignee()
    }
    function selectAssignee() {
        const id = root.task.assigned_to_user_id || root.controller.app.session.userId
        assigneeBox.currentIndex = Math.max(0, assigneeBox.indexOfValue(id))
    }

    objectName: "taskForm"
    visible: root.creating ? root.controller.canCreate : true
    background: Rectangle { color: Theme.window }

    Connections {
        target: root.controller
        function onItemChanged() { root.load() }
        function onAssigneesChanged() { root.selectAssignee() }
    }
    Component.onCompleted: root.load()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacingS

        Label {
            objectName: "taskFormTitle"
            Layout.fillWidth: true
            text: root.creating ? qsTr("New task") : root.task.title || ""
            font.pixelSize: Theme.fontHeading
            font.bold: true
            elide: Text.ElideRight
        }
        Label {
            objectName: "taskFormStatus"
            visible: !root.creating
            text: root.page.statusText(root.task.status || "") + (root.task.is_overdue ? " · " + qsTr("Overdue") : "")
                  + (root.task.assigned_to ? " · " + root.page.personName(root.task.assigned_to) : "")
            color: root.task.is_overdue ? Theme.danger : Theme.textMuted
        }
        Label {
            objectName: "taskFormMessage"
            Layout.fillWidth: true
            visible: text.length > 0
            text: root.controller.errorMessage || root.controller.notice
            color: root.controller.errorMessage ? Theme.danger : Theme.accent
            wrapMode: Text.Wrap
        }
        ScrollView {
            id: scroll
            objectName: "taskScroll"
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentWidth: availableWidth

            ColumnLayout {
                width: Math.min(scroll.availableWidth, 620)
                spacing: Theme.spacingS

                GridLayout {
                    Layout.fillWidth: true
                    columns: 2
                    columnSpacing: Theme.spacingM
                    rowSpacing: Theme.spacingXs
                    enabled: root.editable

                    Label { text: qsTr("Title") }
                    TextField { id: title; objectName: "taskTitleField"; Layout.fillWidth: true; selectByMouse: true }
                    Item { width: 1 }
                    FieldError { objectName: "taskTitleError"; Layout.fillWidth: true; errors: root.errors; field: "title" }

                    Label { text: qsTr("Description") }
                    TextArea {
                        id: description
                        objectName: "taskDescriptionField"
                        Layout.fillWidth: true
                        Layout.preferredHeight: 64
                        wrapMode: TextEdit.Wrap
                        background: Rectangle { color: Theme.surface; border.color: Theme.divider }
                    }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "description" }

                    Label { text: qsTr("Priority") }
                    ComboBox {
                        id: priorityBox
                        objectName: "taskPriorityField"
                        Layout.fillWidth: true
                        textRole: "text"
                        valueRole: "value"
                        model: ["low", "medium", "high", "urgent"].map(p => ({ value: p, text: root.page.priorityText(p) }))
                    }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "priority" }

                    Label { text: qsTr("Status"); visible: !root.creating }
                    ComboBox {
                        id: statusBox
                        objectName: "taskStatusField"
                        visible: !root.creating
                        Layout.fillWidth: true
                        textRole: "text"
                        valueRole: "value"
                        model: ["pending", "in_progress", "completed", "cancelled"].map(s => ({ value: s, text: root.page.statusText(s) }))
                    }
                    Item { width: 1; visible: !root.creating }
                    FieldError { visible: !root.creating; Layout.fillWidth: true; errors: root.errors; field: "status" }

                    Label { text: qsTr("Due") }
                    TextField {
                        id: due
                        objectName: "taskDueField"
                        Layout.fillWidth: true
                        placeholderText: qsTr("yyyy-mm-dd hh:mm")
                        selectByMouse: true
                    }
                    Item { width: 1 }
                    FieldError { objectName: "taskDueError"; Layout.fillWidth: true; errors: root.errors; field: "due_date" }

                    Label { text: qsTr("Reminder") }
                    TextField {
                        id: reminder
                        objectName: "taskReminderField"
                        Layout.fillWidth: true
                        placeholderText: qsTr("yyyy-mm-dd hh:mm")
                        selectByMouse: true
                    }
                    Item { width: 1 }
                    FieldError { objectName: "taskReminderError"; Layout.fillWidth: true; errors: root.errors; field: "reminder_date" }

                    Label { text: qsTr("Assigned to"); visible: assigneeBox.visible }
                    ComboBox {
                        id: assigneeBox
                        objectName: "taskAssigneeField"
                        // Only whoever sees everyone's tasks gives them to others.
                        visible: root.controller.canSeeAll && root.controller.assignees.length > 0
                        Layout.fillWidth: true
                        textRole: "name"
                        valueRole: "id"
                        model: root.controller.assignees
                    }
                    Item { width: 1; visible: assigneeBox.visible }
                    FieldError { visible: assigneeBox.visible; Layout.fillWidth: true; errors: root.errors; field: "assigned_to_user_id" }

                    Label { text: qsTr("Client") }
                    RowLayout {
                        Layout.fillWidth: true
                        TextField {
                            id: clientSearch
                            objectName: "taskClientSearch"
                            Layout.fillWidth: true
                            placeholderText: root.clientId > 0 ? root.clientLabel : qsTr("Search a client")
                            selectByMouse: true
                            onTextEdited: {
                                clientOptions.search = text
                                if (text.trim().length > 0)
                                    clientPopup.open()
                            }
                            Popup {
                                id: clientPopup
                                y: parent.height
                                width: parent.width
                                padding: 0
                                ListView {
                                    implicitHeight: Math.min(contentHeight, 240)
                                    width: parent.width
                                    clip: true
                                    model: ResourceListModel {
                                        id: clientOptions
                                        app: root.controller.app
                                        path: "/v1/clients"
                                        pageSize: 10
                                    }
                                    delegate: ItemDelegate {
                                        required property var item
                                        required property real itemId
                                        objectName: "taskClientOption_" + item.phone_number
                                        width: ListView.view.width
                                        text: root.clientText(item)
                                        onClicked: {
                                            root.clientId = itemId
                                            root.clientLabel = root.clientText(item)
                                            clientSearch.text = ""
                                            clientPopup.close()
                                        }
                                    }
                                }
                            }
                        }
                        ToolButton {
                            objectName: "taskClientClear"
                            visible: root.clientId > 0
                            text: "✕"
                            onClicked: {
                                root.clientId = 0
                                root.clientLabel = ""
                            }
                            ToolTip.text: qsTr("No client")
                            ToolTip.visible: hovered
                        }
                    }
                    Item { width: 1 }
                    FieldError { objectName: "taskClientError"; Layout.fillWidth: true; errors: root.errors; field: "client_id" }

                    Label { text: qsTr("Chat") }
                    TextField {
                        id: chat
                        objectName: "taskChatField"
                        Layout.fillWidth: true
                        placeholderText: qsTr("Chat number, optional")
                        validator: IntValidator { bottom: 1 }
                        selectByMouse: true
                    }
                    Item { width: 1 }
                    FieldError { objectName: "taskChatError"; Layout.fillWidth: true; errors: root.errors; field: "chat_id" }
                }

                // Completing it, with optional notes.
                RowLayout {
                    Layout.fillWidth: true
                    Layout.topMargin: Theme.spacingM
                    visible: !root.creating && root.controller.canUpdate && root.open
                    TextField {
                        id: notes
                        objectName: "taskCompletionNotes"
                        Layout.fillWidth: true
                        placeholderText: qsTr("Completion notes (optional)")
                    }
                    Button {
                        objectName: "completeTaskButton"
                        text: qsTr("Complete")
                        enabled: !root.controller.busy
                        onClicked: root.controller.complete(notes.text)
                    }
                }
                Label {
                    visible: !root.creating && !!root.task.completion_notes
                    Layout.fillWidth: true
                    text: qsTr("Completion notes: %1").arg(root.task.completion_notes || "")
                    wrapMode: Text.Wrap
                    color: Theme.textMuted
                }

                // Comments, oldest first.
                Label {
                    visible: !root.creating
                    Layout.topMargin: Theme.spacingM
                    text: qsTr("Comments")
                    font.bold: true
                }
                Repeater {
                    objectName: "taskComments"
                    model: root.creating ? [] : (root.task.comments || [])
                    ColumnLayout {
                        required property var modelData
                        objectName: "taskComment_" + modelData.id
                        Layout.fillWidth: true
                        spacing: 0
                        Label {
                            text: root.page.personName(modelData.user) + " · "
                                  + new Date(modelData.created_at).toLocaleString(Qt.locale(), Locale.ShortFormat)
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontCaption
                        }
                        Label {
                            Layout.fillWidth: true
                            text: modelData.content
                            wrapMode: Text.Wrap
                        }
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    visible: !root.creating && root.controller.canUpdate
                    TextField {
                        id: comment
                        objectName: "taskCommentField"
                        Layout.fillWidth: true
                        placeholderText: qsTr("Write a comment")
                        onAccepted: if (text.trim().length > 0) root.controller.addComment(text)
                    }
                    Button {
                        objectName: "addCommentButton"
                        text: qsTr("Comment")
                        enabled: comment.text.trim().length > 0 && !root.controller.busy
                        onClicked: root.controller.addComment(comment.text)
                    }
                }
                FieldError { objectName: "taskCommentError"; Layout.fillWidth: true; errors: root.errors; field: "content" }
            }
        }
        // Always in view, below the form.
        RowLayout {
            spacing: Theme.spacingS
            Button {
                objectName: "saveTaskButton"
                visible: root.editable
                text: root.creating ? qsTr("Create") : qsTr("Save")
                highlighted: true
                enabled: !root.controller.busy
                onClicked: root.controller.save(root.values())
            }
            Button {
                objectName: "deleteTaskButton"
                visible: !root.creating && root.controller.canDelete
                text: qsTr("Delete")
                palette.buttonText: Theme.danger
                onClicked: confirmDelete.open()
            }
        }
    }

    ConfirmDialog {
        id: confirmDelete
        objectName: "confirmDeleteTask"
        title: qsTr("Delete task")
        message: qsTr("Delete the task \"%1\"?").arg(root.task.title || "")
        onConfirmed: root.controller.remove(root.controller.itemId)
    }
}
