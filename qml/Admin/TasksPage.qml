import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core
import Conversa.Admin

// Tasks: the user's tasks by due date (overdue ones marked), the status filter and, for whoever
// sees everyone's, the assignee filter; the chosen task's form with its comments. A reminder's
// notification (TaskReminders) opens its task here.
SplitView {
    id: root

    required property AppContext app
    property TaskReminders reminders: null
    readonly property TasksController controller: ctl

    objectName: "tasksPage"

    TasksController {
        id: ctl
        app: root.app
    }

    function statusText(status: string): string {
        switch (status) {
        case "pending": return qsTr("Pending")
        case "in_progress": return qsTr("In progress")
        case "completed": return qsTr("Completed")
        case "cancelled": return qsTr("Cancelled")
        }
        return status
    }
    function priorityText(priority: string): string {
        switch (priority) {
        case "low": return qsTr("Low")
        case "medium": return qsTr("Medium")
        case "high": return qsTr("High")
        case "urgent": return qsTr("Urgent")
        }
        return priority
    }
    function personName(person: var): string {
        return person ? ((person.first_name || "") + " " + (person.last_name || "")).trim() : ""
    }
    function applyFilters() {
        const f = { status: statusFilter.currentValue }
        if (ctl.canSeeAll)
            f.assigned_to_user_id = assigneeFilter.currentValue === -1 ? String(root.app.session.userId)
                                  : assigneeFilter.currentValue === 0 ? "" : String(assigneeFilter.currentValue)
        ctl.model.filters = f
    }
    function openTask(taskId: real) {
        ctl.clearMessages()
        ctl.open(taskId)
    }
    // A new task on a client (from the client's detail).
    function newTaskFor(clientId: real, label: string) {
        list.currentIndex = -1
        ctl.startNew()
        form.clientId = clientId
        form.clientLabel = label
    }
    function openRequested() {
        const id = root.reminders ? root.reminders.takeRequest() : 0
        if (id > 0) {
            ctl.clearMessages()
            ctl.open(id)
        }
    }

    Component.onCompleted: root.openRequested()
    Connections {
        target: root.reminders
        function onOpenRequested() { root.openRequested() }
    }

    ResourceList {
        id: list
        objectName: "taskList"
        SplitView.preferredWidth: 400
        SplitView.minimumWidth: 320
        model: ctl.model
        searchable: false   // the collection has no search
        onActivated: id => {
            ctl.clearMessages()
            ctl.open(id)
        }

        filters: [
            ComboBox {
                id: statusFilter
                objectName: "taskStatusFilter"
                Layout.fillWidth: true
                textRole: "text"
                valueRole: "value"
                model: [
                    { value: "", text: qsTr("Any status") },
                    { value: "pending", text: root.statusText("pending") },
                    { value: "in_progress", text: root.statusText("in_progress") },
                    { value: "completed", text: root.statusText("completed") },
                    { value: "cancelled", text: root.statusText("cancelled") }
                ]
                onActivated: root.applyFilters()
            },
            ComboBox {
                id: assigneeFilter
                objectName: "taskAssigneeFilter"
                visible: ctl.canSeeAll
                Layout.fillWidth: true
                textRole: "name"
                valueRole: "id"
                // -1: mine (the start), 0: everyone's.
                model: [{ id: -1, name: qsTr("My tasks") }, { id: 0, name: qsTr("Everyone's") }].concat(ctl.assignees)
                onActivated: root.applyFilters()
            },
            Button {
                objectName: "newTaskButton"
                visible: ctl.canCreate
                text: qsTr("New task")
                highlighted: true
                onClicked: {
                    list.currentIndex = -1
                    ctl.startNew()
                }
            }
        ]

        rowDelegate: ItemDelegate {
            id: row
            required property int index
            required property real itemId
            required property var item
            readonly property bool overdue: item.is_overdue === true
            readonly property bool done: item.status === "completed" || item.status === "cancelled"
            objectName: "taskRow_" + itemId
            width: ListView.view.width
            highlighted: ListView.isCurrentItem || ctl.itemId === itemId
            background: Rectangle {
                color: row.highlighted ? Theme.rowSelected : row.overdue ? Theme.dangerSurface
                     : row.hovered ? Theme.rowHover : "transparent"
            }
            onClicked: {
                ListView.view.currentIndex = index
                ctl.clearMessages()
                ctl.open(itemId)
            }
            contentItem: RowLayout {
                spacing: Theme.spacingS
                Rectangle {
                    implicitWidth: 6
                    Layout.fillHeight: true
                    radius: 3
                    color: Theme.priorityColor(row.item.priority)
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 0
                    Label {
                        Layout.fillWidth: true
                        text: row.item.title
                        elide: Text.ElideRight
                        font.bold: !row.done
                        font.strikeout: row.done
                    }
                    Label {
                        Layout.fillWidth: true
                        text: [row.item.due_date ? new Date(row.item.due_date).toLocaleString(Qt.locale(), Locale.ShortFormat) : qsTr("No due date"),
                               row.item.client ? (root.personName(row.item.client) || row.item.client.phone_number) : "",
                               ctl.canSeeAll ? root.personName(row.item.assigned_to) : ""]
                              .filter(s => s.length > 0).join(" · ")
                        elide: Text.ElideRight
                        color: row.overdue ? Theme.danger : Theme.textMuted
                        font.pixelSize: Theme.fontCaption
                    }
                }
                Label {
                    objectName: "taskOverdue_" + row.itemId
                    visible: row.overdue
                    text: qsTr("Overdue")
                    color: Theme.danger
                    font.pixelSize: Theme.fontCaption
                    font.bold: true
                }
                Label {
                    visible: !row.overdue
                    text: root.statusText(row.item.status)
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                }
            }
        }
    }

    TaskForm {
        id: form
        SplitView.fillWidth: true
        controller: ctl
        page: root
    }
}
