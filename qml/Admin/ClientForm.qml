import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core
import Conversa.Admin

// One client: a new one's form, or an existing one's form with their chats and tasks, each field's
// error from the server under it. Custom fields are key/value rows; tags a comma-separated text.
// What the role may not do is not shown.
Pane {
    id: root

    required property ClientsController controller
    required property var page   // ClientsPage: the lead status names
    property bool canTasks: false   // tasks.read: their tasks open on the Tasks screen

    signal openTask(real taskId)
    signal newTask(real clientId, string label)
    readonly property var client: root.controller.item
    readonly property bool creating: root.controller.itemId === 0
    readonly property bool editable: root.creating ? root.controller.canCreate : root.controller.canUpdate
    readonly property FormErrors errors: root.controller.errors

    // The form's values by wire name, for controller.save().
    function values(): var {
        const custom = []
        for (let i = 0; i < customRows.count; ++i)
            custom.push({ key: customRows.get(i).key, value: customRows.get(i).value })
        return {
            phone_number: phone.text,
            first_name: firstName.text,
            last_name: lastName.text,
            email: email.text,
            company: company.text,
            city: city.text,
            country: country.text,
            address: address.text,
            segment: segment.text,
            notes: notes.text,
            lead_status: leadBox.currentValue,
            tags: tags.text,
            opt_in: optIn.checked,
            custom_fields: custom
        }
    }
    function load() {
        phone.text = root.client.phone_number || ""
        firstName.text = root.client.first_name || ""
        lastName.text = root.client.last_name || ""
        email.text = root.client.email || ""
        company.text = root.client.company || ""
        city.text = root.client.city || ""
        country.text = root.client.country || ""
        address.text = root.client.address || ""
        segment.text = root.client.segment || ""
        notes.text = root.client.notes || ""
        tags.text = (root.client.tags || []).join(", ")
        optIn.checked = root.client.opt_in === true
        leadBox.currentIndex = Math.max(0, leadBox.indexOfValue(root.client.lead_status || "new"))
        customRows.clear()
        const fields = root.client.custom_fields || {}
        for (const key in fields)
            customRows.append({ key: key, value: fields[key] === null ? "" : String(fields[key]) })
    }
    function chatStatusText(status: string): string {
        switch (status) {
        case "new": return qsTr("New")
        case "bot": return qsTr("With the bot")
        case "queued": return qsTr("Queued")
        case "assigned": return qsTr("Assigned")
        case "active": return qsTr("Active")
        case "pending": return qsTr("Pending")
        case "closed": return qsTr("Closed")
        }
        return status
    }

    objectName: "clientForm"
    visible: root.creating ? root.controller.canCreate : true
    background: Rectangle { color: Theme.window }

    ListModel { id: customRows }

    Connections {
        target: root.controller
        function onItemChanged() { root.load() }
    }
    Component.onCompleted: root.load()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacingS

        Label {
            objectName: "clientFormTitle"
            text: root.creating ? qsTr("New client") : root.page.clientName(root.client)
            font.pixelSize: Theme.fontHeading
            font.bold: true
        }
        Label {
            objectName: "clientFormMessage"
            Layout.fillWidth: true
            visible: text.length > 0
            text: root.controller.errorMessage || root.controller.notice
            color: root.controller.errorMessage ? Theme.danger : Theme.accent
            wrapMode: Text.Wrap
        }
        ScrollView {
            id: scroll
            objectName: "clientScroll"
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

                    Label { text: qsTr("Phone number") }
                    TextField {
                        id: phone
                        objectName: "clientPhoneField"
                        Layout.fillWidth: true
                        placeholderText: "+573001234567"
                        selectByMouse: true
                    }
                    Item { width: 1 }
                    FieldError { objectName: "clientPhoneError"; Layout.fillWidth: true; errors: root.errors; field: "phone_number" }

                    Label { text: qsTr("First name") }
                    TextField { id: firstName; objectName: "clientFirstNameField"; Layout.fillWidth: true; selectByMouse: true }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "first_name" }

                    Label { text: qsTr("Last name") }
                    TextField { id: lastName; objectName: "clientLastNameField"; Layout.fillWidth: true; selectByMouse: true }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "last_name" }

                    Label { text: qsTr("Email") }
                    TextField { id: email; objectName: "clientEmailField"; Layout.fillWidth: true; selectByMouse: true }
                    Item { width: 1 }
                    FieldError { objectName: "clientEmailError"; Layout.fillWidth: true; errors: root.errors; field: "email" }

                    Label { text: qsTr("Company") }
                    TextField { id: company; objectName: "clientCompanyField"; Layout.fillWidth: true; selectByMouse: true }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "company" }

                    Label { text: qsTr("City") }
                    TextField { id: city; Layout.fillWidth: true; selectByMouse: true }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "city" }

                    Label { text: qsTr("Country") }
                    TextField { id: country; Layout.fillWidth: true; selectByMouse: true }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "country" }

                    Label { text: qsTr("Address") }
                    TextField { id: address; Layout.fillWidth: true; selectByMouse: true }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "address" }

                    Label { text: qsTr("Lead status") }
                    ComboBox {
                        id: leadBox
                        objectName: "clientLeadStatusField"
                        Layout.fillWidth: true
                        textRole: "text"
                        valueRole: "value"
                        model: root.controller.leadStatuses.map(s => ({ value: s, text: root.page.leadStatusText(s) }))
                    }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "lead_status" }

                    Label { text: qsTr("Segment") }
                    TextField { id: segment; objectName: "clientSegmentField"; Layout.fillWidth: true; selectByMouse: true }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "segment" }

                    Label { text: qsTr("Tags") }
                    TextField {
                        id: tags
                        objectName: "clientTagsField"
                        Layout.fillWidth: true
                        placeholderText: qsTr("vip, wholesale")
                        selectByMouse: true
                    }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "tags"; nested: true }

                    Label { text: qsTr("Notes") }
                    TextArea {
                        id: notes
                        objectName: "clientNotesField"
                        Layout.fillWidth: true
                        Layout.preferredHeight: 64
                        wrapMode: TextEdit.Wrap
                        background: Rectangle { color: Theme.surface; border.color: Theme.divider }
                    }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "notes" }

                    Label { text: qsTr("Accepts messages") }
                    Switch { id: optIn; objectName: "clientOptInField" }
                }

                // Custom fields: one row per key.
                RowLayout {
                    Layout.topMargin: Theme.spacingM
                    Label {
                        text: qsTr("Custom fields")
                        font.bold: true
                    }
                    Item { Layout.fillWidth: true }
                    Button {
                        objectName: "addCustomFieldButton"
                        visible: root.editable
                        text: qsTr("Add field")
                        onClicked: customRows.append({ key: "", value: "" })
                    }
                }
                Repeater {
                    model: customRows
                    RowLayout {
                        id: customRow
                        required property int index
                        required property string key
                        required property string value
                        Layout.fillWidth: true
                        enabled: root.editable
                        TextField {
                            objectName: "customKey_" + customRow.index
                            Layout.preferredWidth: 180
                            placeholderText: qsTr("Name")
                            text: customRow.key
                            onTextEdited: customRows.setProperty(customRow.index, "key", text)
                        }
                        TextField {
                            objectName: "customValue_" + customRow.index
                            Layout.fillWidth: true
                            placeholderText: qsTr("Value")
                            text: customRow.value
                            onTextEdited: customRows.setProperty(customRow.index, "value", text)
                        }
                        ToolButton {
                            objectName: "removeCustomField_" + customRow.index
                            text: "✕"
                            onClicked: customRows.remove(customRow.index)
                            ToolTip.text: qsTr("Remove field")
                            ToolTip.visible: hovered
                        }
                    }
                }
                FieldError { objectName: "customFieldsError"; Layout.fillWidth: true; errors: root.errors; field: "custom_fields"; nested: true }

                // Their chats and tasks, in the detail.
                Label {
                    visible: !root.creating
                    Layout.topMargin: Theme.spacingM
                    text: qsTr("Chats (%1 in all)").arg(root.client.total_chats || 0)
                    font.bold: true
                }
                Repeater {
                    objectName: "clientChats"
                    model: root.creating ? [] : (root.client.chats || [])
                    Label {
                        required property var modelData
                        objectName: "clientChat_" + modelData.id
                        text: "#" + modelData.id + " · " + root.chatStatusText(modelData.status) + " · "
                              + new Date(modelData.created_at).toLocaleString(Qt.locale(), Locale.ShortFormat)
                        color: Theme.textMuted
                    }
                }
                Label {
                    visible: !root.creating && (root.client.chats || []).length === 0
                    text: qsTr("No chats")
                    color: Theme.textMuted
                }
                RowLayout {
                    visible: !root.creating
                    Layout.topMargin: Theme.spacingM
                    Label {
                        text: qsTr("Tasks")
                        font.bold: true
                    }
                    Item { Layout.fillWidth: true }
                    Button {
                        objectName: "newTaskForClientButton"
                        visible: root.canTasks && root.controller.canCreateTasks
                        text: qsTr("New task")
                        onClicked: root.newTask(root.controller.itemId, root.page.clientName(root.client) + " · " + (root.client.phone_number || ""))
                    }
                }
                Repeater {
                    objectName: "clientTasks"
                    model: root.creating ? [] : (root.client.tasks || [])
                    ItemDelegate {
                        required property var modelData
                        objectName: "clientTask_" + modelData.id
                        Layout.fillWidth: true
                        enabled: root.canTasks
                        text: modelData.title + (modelData.due_date
                              ? " · " + new Date(modelData.due_date).toLocaleString(Qt.locale(), Locale.ShortFormat) : "")
                        font.strikeout: modelData.status === "completed" || modelData.status === "cancelled"
                        onClicked: root.openTask(modelData.id)
                    }
                }
                Label {
                    visible: !root.creating && (root.client.tasks || []).length === 0
                    text: qsTr("No tasks")
                    color: Theme.textMuted
                }
            }
        }
        // Always in view, below the form.
        RowLayout {
            spacing: Theme.spacingS
            Button {
                objectName: "saveClientButton"
                visible: root.editable
                text: root.creating ? qsTr("Create") : qsTr("Save")
                highlighted: true
                enabled: !root.controller.busy
                onClicked: root.controller.save(root.values())
            }
            Button {
                objectName: "deleteClientButton"
                visible: !root.creating && root.controller.canDelete
                text: qsTr("Delete")
                palette.buttonText: Theme.danger
                onClicked: confirmDelete.open()
            }
        }
    }

    ConfirmDialog {
        id: confirmDelete
        objectName: "confirmDeleteClient"
        title: qsTr("Delete client")
        message: qsTr("Delete %1? They leave the lists and exports; their chats and history stay.").arg(root.page.clientName(root.client))
        onConfirmed: root.controller.remove(root.controller.itemId)
    }
}
