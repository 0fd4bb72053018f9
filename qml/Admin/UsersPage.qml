import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core
import Conversa.Admin

// Users: the list (search, role and status filters, pages) and the chosen user's form; for admins,
// which roles require two-factor authentication (a switch per role).
SplitView {
    id: root

    required property AppContext app
    readonly property UsersController controller: ctl

    objectName: "usersPage"

    UsersController {
        id: ctl
        app: root.app
    }

    function roleText(name: string): string {
        return name === "admin" ? qsTr("Administrator") : name === "supervisor" ? qsTr("Supervisor") : qsTr("Agent")
    }
    function statusText(status: string): string {
        return status === "active" ? qsTr("Active") : status === "suspended" ? qsTr("Suspended") : qsTr("Inactive")
    }

    ResourceList {
        id: list
        objectName: "userList"
        SplitView.preferredWidth: 380
        SplitView.minimumWidth: 300
        model: ctl.model
        searchPlaceholder: qsTr("Search by name or email")
        onActivated: id => {
            ctl.clearMessages()
            ctl.open(id)
        }

        filters: [
            ComboBox {
                id: roleFilter
                objectName: "roleFilter"
                Layout.fillWidth: true
                textRole: "text"
                valueRole: "value"
                model: [
                    { value: "", text: qsTr("All roles") },
                    { value: "admin", text: qsTr("Administrator") },
                    { value: "supervisor", text: qsTr("Supervisor") },
                    { value: "agent", text: qsTr("Agent") }
                ]
                onActivated: ctl.model.filters = { role: roleFilter.currentValue, status: statusFilter.currentValue }
            },
            ComboBox {
                id: statusFilter
                objectName: "statusFilter"
                Layout.fillWidth: true
                textRole: "text"
                valueRole: "value"
                model: [
                    { value: "", text: qsTr("Any status") },
                    { value: "active", text: qsTr("Active") },
                    { value: "suspended", text: qsTr("Suspended") },
                    { value: "inactive", text: qsTr("Inactive") }
                ]
                onActivated: ctl.model.filters = { role: roleFilter.currentValue, status: statusFilter.currentValue }
            },
            Button {
                objectName: "rolesTwoFactorButton"
                visible: ctl.canEditRoles
                text: qsTr("Two-factor by role")
                onClicked: rolesPopup.open()

                Popup {
                    id: rolesPopup
                    y: parent.height
                    focus: true   // Escape closes it
                    padding: Theme.spacingM
                    ColumnLayout {
                        Label {
                            text: qsTr("Require two-factor authentication")
                            font.bold: true
                        }
                        Repeater {
                            model: ctl.roles
                            Switch {
                                required property var modelData
                                objectName: "requireTwoFactor_" + modelData.name
                                text: root.roleText(modelData.name)
                                checked: modelData.require_two_factor === true
                                enabled: !ctl.busy
                                onToggled: ctl.setRoleRequiresTwoFactor(modelData.id, checked)
                            }
                        }
                        Label {
                            Layout.maximumWidth: 320
                            visible: text.length > 0
                            text: ctl.errorMessage.length > 0 ? ctl.errorMessage : ctl.notice
                            wrapMode: Text.Wrap
                            font.pixelSize: Theme.fontCaption
                        }
                    }
                }
            },
            Button {
                objectName: "newUserButton"
                visible: ctl.canCreate
                text: qsTr("New user")
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
            objectName: "userRow_" + item.email
            width: ListView.view.width
            highlighted: ListView.isCurrentItem || ctl.itemId === itemId
            background: Rectangle {
                color: row.highlighted ? Theme.rowSelected : row.hovered ? Theme.rowHover : "transparent"
            }
            onClicked: {
                ListView.view.currentIndex = index
                ctl.clearMessages()
                ctl.open(itemId)
            }
            contentItem: RowLayout {
                spacing: Theme.spacingS
                Rectangle {
                    implicitWidth: 32
                    implicitHeight: 32
                    radius: 16
                    color: Theme.avatarColor(row.item.first_name + " " + row.item.last_name)
                    Label {
                        anchors.centerIn: parent
                        text: Theme.initials(row.item.first_name + " " + row.item.last_name)
                        color: Theme.textOnAccent
                        font.pixelSize: Theme.fontCaption
                    }
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 0
                    Label {
                        Layout.fillWidth: true
                        text: (row.item.first_name + " " + row.item.last_name).trim()
                        elide: Text.ElideRight
                        font.bold: true
                    }
                    Label {
                        Layout.fillWidth: true
                        text: row.item.email + " · " + root.roleText(row.item.role ? row.item.role.name : "")
                        elide: Text.ElideRight
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontCaption
                    }
                }
                Label {
                    visible: row.item.status !== "active"
                    text: root.statusText(row.item.status)
                    color: Theme.danger
                    font.pixelSize: Theme.fontCaption
                }
            }
        }
    }

    UserForm {
        SplitView.fillWidth: true
        controller: ctl
        page: root
    }
}
