import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core
import Conversa.Admin

// The in-app notification of a task's reminder (the `task.reminder` socket event), in the
// workspace's lower right corner whatever page shows; clicking it opens the task (`openTask`, then
// the Tasks screen takes reminders.requestedTaskId). It stays until clicked or closed.
Popup {
    id: root

    required property AppContext app
    readonly property TaskReminders reminders: tracker
    readonly property var task: tracker.latest

    signal openTask()

    objectName: "taskReminderToast"
    x: parent ? parent.width - width - Theme.spacingL : 0
    y: parent ? parent.height - height - Theme.spacingL : 0
    width: 340
    padding: Theme.spacingM
    modal: false
    focus: false
    closePolicy: Popup.NoAutoClose
    background: Rectangle {
        color: Theme.warningSurface
        border.color: Theme.warning
        radius: 6
    }

    TaskReminders {
        id: tracker
        app: root.app
        onReminded: root.open()
    }

    function openIt() {
        root.close()
        root.openTask()
        tracker.openTask(root.task.id)
    }

    contentItem: RowLayout {
        spacing: Theme.spacingS
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            // The whole notification opens the task, not only its button.
            TapHandler {
                onTapped: root.openIt()
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Task reminder")
                color: Theme.warningText
                font.bold: true
            }
            Label {
                objectName: "taskReminderTitle"
                Layout.fillWidth: true
                text: root.task.title || ""
                color: Theme.warningText
                elide: Text.ElideRight
            }
            Label {
                Layout.fillWidth: true
                visible: !!root.task.due_date
                text: qsTr("Due %1").arg(root.task.due_date ? new Date(root.task.due_date).toLocaleString(Qt.locale(), Locale.ShortFormat) : "")
                color: Theme.warningText
                font.pixelSize: Theme.fontCaption
            }
        }
        Button {
            objectName: "openReminderTaskButton"
            text: qsTr("Open")
            onClicked: root.openIt()
        }
        ToolButton {
            objectName: "closeReminderButton"
            text: "✕"
            onClicked: root.close()
            ToolTip.text: qsTr("Close")
            ToolTip.visible: hovered
        }
    }
}
