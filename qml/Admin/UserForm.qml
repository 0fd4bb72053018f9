import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core
import Conversa.Admin

// One user: a new one's form, or an existing one's detail and form, with each field's error from
// the server under it. What the role may not do is not shown (a supervisor only reads).
Pane {
    id: root

    required property UsersController controller
    required property var page   // UsersPage: the role and status names
    readonly property var user: root.controller.item
    readonly property bool creating: root.controller.itemId === 0
    readonly property bool editable: root.creating ? root.controller.canCreate : root.controller.canUpdate
    readonly property FormErrors errors: root.controller.errors
    // The agent-status history comes from the audit log: for who may read it.
    readonly property bool canAudit: root.controller.app !== null && root.controller.can("audit.read")

    function agentStatusText(status: string): string {
        return status === "available" ? qsTr("Available") : status === "busy" ? qsTr("Busy")
             : status === "paused" ? qsTr("Paused") : status === "offline" ? qsTr("Offline") : status
    }

    // The form's values by wire name, for controller.save().
    function values(): var {
        const v = {
            first_name: firstName.text,
            last_name: lastName.text,
            email: email.text,
            phone: phone.text,
            role_id: roleBox.currentValue === undefined ? 0 : roleBox.currentValue,
            max_concurrent_chats: capacity.value,
            auto_assign_enabled: autoAssign.checked
        }
        if (root.creating)
            v.password = password.text
        return v
    }
    function load() {
        firstName.text = root.user.first_name || ""
        lastName.text = root.user.last_name || ""
        email.text = root.user.email || ""
        phone.text = root.user.phone || ""
        password.text = ""
        capacity.value = root.user.max_concurrent_chats || 5
        autoAssign.checked = root.user.auto_assign_enabled === undefined ? true : root.user.auto_assign_enabled
        root.selectRole()
    }
    function selectRole() {
        const roleName = root.user.role ? root.user.role.name : "agent"
        roleBox.currentIndex = Math.max(0, root.controller.roles.findIndex(r => r.name === roleName))
    }

    objectName: "userForm"
    visible: root.creating ? root.controller.canCreate : true
    background: Rectangle { color: Theme.window }

    Connections {
        target: root.controller
        function onItemChanged() { root.load() }
        function onRolesChanged() { root.selectRole() }   // late: what was typed stays
    }
    Component.onCompleted: root.load()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacingS

        Label {
            objectName: "userFormTitle"
            text: root.creating ? qsTr("New user") : (root.user.first_name + " " + root.user.last_name).trim()
            font.pixelSize: Theme.fontHeading
            font.bold: true
        }
        Label {
            visible: !root.creating
            text: root.page.roleText(root.user.role ? root.user.role.name : "") + " · "
                  + root.page.statusText(root.user.status || "") + (root.user.two_factor_enabled ? " · " + qsTr("2FA on") : "")
            color: Theme.textMuted
        }
        Label {
            objectName: "userFormMessage"
            Layout.fillWidth: true
            visible: text.length > 0
            text: root.controller.errorMessage || root.controller.notice
            color: root.controller.errorMessage ? Theme.danger : Theme.accent
            wrapMode: Text.Wrap
        }
        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentWidth: availableWidth

            ColumnLayout {
                width: Math.min(parent.width, 560)
                spacing: Theme.spacingS

                GridLayout {
                    Layout.fillWidth: true
                    columns: 2
                    columnSpacing: Theme.spacingM
                    rowSpacing: Theme.spacingXs
                    enabled: root.editable

                    Label { text: qsTr("First name") }
                    TextField { id: firstName; objectName: "firstNameField"; Layout.fillWidth: true; selectByMouse: true }
                    Item { width: 1 }
                    FieldError { objectName: "firstNameError"; Layout.fillWidth: true; errors: root.errors; field: "first_name" }

                    Label { text: qsTr("Last name") }
                    TextField { id: lastName; objectName: "lastNameField"; Layout.fillWidth: true; selectByMouse: true }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "last_name" }

                    Label { text: qsTr("Email") }
                    TextField { id: email; objectName: "emailField"; Layout.fillWidth: true; selectByMouse: true }
                    Item { width: 1 }
                    FieldError { objectName: "emailError"; Layout.fillWidth: true; errors: root.errors; field: "email" }

                    Label { text: qsTr("Phone") }
                    TextField {
                        id: phone
                        objectName: "phoneField"
                        Layout.fillWidth: true
                        placeholderText: "+573001234567"
                        selectByMouse: true
                    }
                    Item { width: 1 }
                    FieldError { objectName: "phoneError"; Layout.fillWidth: true; errors: root.errors; field: "phone" }

                    Label { text: qsTr("Password"); visible: root.creating }
                    TextField {
                        id: password
                        objectName: "passwordField"
                        visible: root.creating
                        Layout.fillWidth: true
                        echoMode: TextInput.Password
                        placeholderText: qsTr("At least 8 characters")
                    }
                    Item { width: 1; visible: root.creating }
                    FieldError { objectName: "passwordError"; visible: root.creating; Layout.fillWidth: true; errors: root.errors; field: "password" }

                    Label { text: qsTr("Role") }
                    ComboBox {
                        id: roleBox
                        objectName: "roleField"
                        Layout.fillWidth: true
                        model: root.controller.roles
                        textRole: "display_name"
                        valueRole: "id"
                    }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "role_id" }

                    Label { text: qsTr("Chats at once") }
                    SpinBox {
                        id: capacity
                        objectName: "capacityField"
                        from: 0
                        to: 100
                        editable: true
                    }
                    Item { width: 1 }
                    FieldError { objectName: "capacityError"; Layout.fillWidth: true; errors: root.errors; field: "max_concurrent_chats" }

                    Label { text: qsTr("Automatic assignment") }
                    Switch { id: autoAssign; objectName: "autoAssignField" }
                }

                Label {
                    visible: !root.creating && root.canAudit
                    Layout.topMargin: Theme.spacingM
                    text: qsTr("Status history")
                    font.bold: true
                }
                Repeater {
                    objectName: "statusHistory"
                    model: ResourceListModel {
                        app: root.canAudit && !root.creating ? root.controller.app : null
                        path: "/v1/audit-logs"
                        pageSize: 10
                        filters: ({ entity_type: "User", entity_id: String(root.controller.itemId), action: "user.agent_status" })
                    }
                    delegate: Label {
                        required property var item
                        readonly property var change: item.changes && item.changes.agent_status ? item.changes.agent_status : null
                        visible: !root.creating && root.canAudit
                        text: new Date(item.created_at).toLocaleString(Qt.locale(), Locale.ShortFormat) + " · "
                              + (change ? root.agentStatusText(change.from) + " → " + root.agentStatusText(change.to) : "")
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontCaption
                    }
                }
            }
        }
        // Always in view, below the form.
        RowLayout {
            spacing: Theme.spacingS
            Button {
                objectName: "saveUserButton"
                visible: root.editable
                text: root.creating ? qsTr("Create") : qsTr("Save")
                highlighted: true
                enabled: !root.controller.busy
                onClicked: root.controller.save(root.values())
            }
            Button {
                objectName: "suspendUserButton"
                visible: !root.creating && root.controller.canUpdate && root.user.status === "active"
                text: qsTr("Suspend")
                onClicked: root.controller.setStatus(root.controller.itemId, "suspended")
            }
            Button {
                objectName: "reactivateUserButton"
                visible: !root.creating && root.controller.canUpdate && root.user.status !== "active"
                text: qsTr("Reactivate")
                onClicked: root.controller.setStatus(root.controller.itemId, "active")
            }
            Button {
                objectName: "unlockUserButton"
                visible: !root.creating && root.controller.canUpdate
                text: qsTr("Unlock login")
                onClicked: root.controller.unlockLogin(root.controller.itemId)
            }
            Button {
                objectName: "deleteUserButton"
                visible: !root.creating && root.controller.canDelete
                text: qsTr("Delete")
                palette.buttonText: Theme.danger
                onClicked: confirmDelete.open()
            }
        }
    }

    ConfirmDialog {
        id: confirmDelete
        objectName: "confirmDeleteUser"
        title: qsTr("Delete user")
        message: qsTr("Delete %1? They can no longer sign in; their chats and history stay.").arg(root.user.email || "")
        onConfirmed: root.controller.remove(root.controller.itemId)
    }
}
