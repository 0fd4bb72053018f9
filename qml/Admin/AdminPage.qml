import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core
import Conversa.Admin

// What an administrator and a supervisor configure, and an agent's clients and tasks: a sidebar
// with the sections the user's permissions open (AdminSections) and the chosen section's screen,
// built when first chosen. A client's tasks open on the Tasks screen.
Page {
    id: root

    required property AppContext app
    // The reminders' notification: opening a task shows the Tasks section.
    property TaskReminders reminders: null
    property string section: root.reminders && root.reminders.requestedTaskId > 0 ? "tasks"
                             : sections.sections.length > 0 ? sections.sections[0].key : ""

    objectName: "adminPage"

    AdminSections {
        id: sections
        app: root.app
    }
    // The Tasks screen, built if need be, shown.
    function showTasks(): var {
        root.section = "tasks"
        return tasksLoader.item
    }

    Connections {
        target: root.reminders
        function onOpenRequested() { root.section = "tasks" }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        Pane {
            Layout.fillHeight: true
            Layout.preferredWidth: 200
            padding: 0
            background: Rectangle { color: Theme.window }

            ListView {
                id: sidebar
                objectName: "adminSidebar"
                anchors.fill: parent
                anchors.topMargin: Theme.spacingS
                model: sections.sections
                activeFocusOnTab: true
                keyNavigationEnabled: true
                currentIndex: Math.max(0, sections.sections.findIndex(s => s.key === root.section))
                delegate: ItemDelegate {
                    required property var modelData
                    required property int index
                    objectName: "section_" + modelData.key
                    width: ListView.view.width
                    text: modelData.title
                    highlighted: root.section === modelData.key
                    font.bold: highlighted
                    onClicked: root.section = modelData.key
                }
                Keys.onReturnPressed: root.section = sections.sections[currentIndex].key
            }
        }
        Rectangle {
            Layout.fillHeight: true
            implicitWidth: 1
            color: Theme.divider
        }
        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: ["users", "campaigns", "numbers", "clients", "tasks", "audit", "backups"].indexOf(root.section)

            Loader {
                active: root.section === "users" || item !== null
                sourceComponent: UsersPage { app: root.app }
            }
            Loader {
                active: root.section === "campaigns" || item !== null
                sourceComponent: CampaignsPage { app: root.app }
            }
            Loader {
                active: root.section === "numbers" || item !== null
                sourceComponent: NumbersPage { app: root.app }
            }
            Loader {
                active: root.section === "clients" || item !== null
                sourceComponent: ClientsPage {
                    app: root.app
                    canTasks: sections.sections.some(s => s.key === "tasks")
                    onOpenTask: taskId => root.showTasks().openTask(taskId)
                    onNewTask: (clientId, label) => root.showTasks().newTaskFor(clientId, label)
                }
            }
            Loader {
                id: tasksLoader
                active: root.section === "tasks" || item !== null
                sourceComponent: TasksPage {
                    app: root.app
                    reminders: root.reminders
                }
            }
            Loader {
                active: root.section === "audit" || item !== null
                sourceComponent: AuditPage { app: root.app }
            }
            Loader {
                active: root.section === "backups" || item !== null
                sourceComponent: BackupsPage { app: root.app }
            }
        }
    }
}
