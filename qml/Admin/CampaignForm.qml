import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core
import Conversa.Admin

// One campaign: a new one's form, or an existing one's detail and form (server/openapi/paths/
// campaigns.yaml): name and code, status and priority, business hours per day in its time zone,
// SLA targets, routing, welcome and offline messages, the bot, the satisfaction survey; its
// numbers and agents. Each field's error from the server is shown under it.
Pane {
    id: root

    required property CampaignsController controller
    required property var page
    readonly property var campaign: root.controller.item
    readonly property bool creating: root.controller.itemId === 0
    readonly property bool editable: root.creating ? root.controller.canCreate : root.controller.canUpdate
    readonly property FormErrors errors: root.controller.errors
    readonly property var days: [
        { key: "monday", text: qsTr("Monday") }, { key: "tuesday", text: qsTr("Tuesday") },
        { key: "wednesday", text: qsTr("Wednesday") }, { key: "thursday", text: qsTr("Thursday") },
        { key: "friday", text: qsTr("Friday") }, { key: "saturday", text: qsTr("Saturday") },
        { key: "sunday", text: qsTr("Sunday") }
    ]
    readonly property var botFlowChoices: [{ id: 0, name: qsTr("No flow") }].concat(root.controller.botFlows)

    function numberText(n: var): string {
        return n ? n.phone_number + " · " + n.display_name : ""
    }
    function userText(u: var): string {
        return u ? (u.first_name + " " + u.last_name).trim() + " · " + u.email : ""
    }
    function hoursValue(): var {
        if (!hoursSet.checked)
            return null
        const week = {}
        for (let i = 0; i < dayRows.count; ++i) {
            const r = dayRows.itemAt(i)
            week[r.day] = r.open ? { start: r.start, end: r.end } : null
        }
        return week
    }
    function values(): var {
        return {
            name: name.text,
            code: code.text,
            description: description.text,
            status: status.currentValue,
            priority: priority.value,
            timezone: timezone.editText,
            business_hours: root.hoursValue(),
            sla_first_response_seconds: slaFirst.value,
            sla_resolution_seconds: slaResolution.value,
            sla_reassign_enabled: slaReassign.checked,
            routing_strategy: routing.currentValue,
            welcome_message: welcome.text,
            offline_message: offline.text,
            bot_enabled: botEnabled.checked,
            bot_flow_id: botFlow.currentValue === undefined ? 0 : botFlow.currentValue,
            csat_enabled: csatEnabled.checked,
            csat_message: csatMessage.text,
            csat_timeout_minutes: csatTimeout.value
        }
    }
    function selectBotFlow() {
        botFlow.currentIndex = Math.max(0, root.botFlowChoices.findIndex(f => f.id === (root.campaign.bot_flow_id || 0)))
    }
    function load() {
        const c = root.campaign
        name.text = c.name || ""
        code.text = c.code || ""
        description.text = c.description || ""
        status.currentIndex = Math.max(0, status.indexOfValue(c.status || "active"))
        priority.value = c.priority || 0
        const zone = c.timezone || "UTC"
        timezone.currentIndex = timezone.find(zone)
        timezone.editText = zone
        hoursSet.checked = !!c.business_hours
        for (let i = 0; i < dayRows.count; ++i)
            dayRows.itemAt(i).load(c.business_hours ? c.business_hours[dayRows.itemAt(i).day] : null)
        slaFirst.value = c.sla_first_response_seconds || 300
        slaResolution.value = c.sla_resolution_seconds || 86400
        slaReassign.checked = !!c.sla_reassign_enabled
        routing.currentIndex = Math.max(0, routing.indexOfValue(c.routing_strategy || "round_robin"))
        welcome.text = c.welcome_message || ""
        offline.text = c.offline_message || ""
        botEnabled.checked = !!c.bot_enabled
        root.selectBotFlow()
        csatEnabled.checked = !!c.csat_enabled
        csatMessage.text = c.csat_message || ""
        csatTimeout.value = c.csat_timeout_minutes || 60
    }

    objectName: "campaignForm"
    visible: root.creating ? root.controller.canCreate : true
    background: Rectangle { color: Theme.window }

    Connections {
        target: root.controller
        function onItemChanged() { root.load() }
        function onBotFlowsChanged() { root.selectBotFlow() }   // late: what was typed stays
    }
    Component.onCompleted: root.load()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacingS

        Label {
            objectName: "campaignFormTitle"
            text: root.creating ? qsTr("New campaign") : root.campaign.name
            font.pixelSize: Theme.fontHeading
            font.bold: true
        }
        Label {
            objectName: "campaignFormMessage"
            Layout.fillWidth: true
            visible: text.length > 0
            text: root.controller.errorMessage || root.controller.notice
            color: root.controller.errorMessage ? Theme.danger : Theme.accent
            wrapMode: Text.Wrap
        }
        ScrollView {
            id: scroll
            objectName: "campaignScroll"
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentWidth: availableWidth

            ColumnLayout {
                width: Math.min(scroll.availableWidth, 640)
                spacing: Theme.spacingS

                GridLayout {
                    Layout.fillWidth: true
                    columns: 2
                    columnSpacing: Theme.spacingM
                    rowSpacing: Theme.spacingXs
                    enabled: root.editable

                    Label { text: qsTr("Name") }
                    TextField { id: name; objectName: "campaignNameField"; Layout.fillWidth: true; selectByMouse: true }
                    Item { width: 1 }
                    FieldError { objectName: "campaignNameError"; Layout.fillWidth: true; errors: root.errors; field: "name" }

                    Label { text: qsTr("Code") }
                    TextField {
                        id: code
                        objectName: "campaignCodeField"
                        Layout.fillWidth: true
                        placeholderText: qsTr("Letters, digits, - and _")
                        selectByMouse: true
                    }
                    Item { width: 1 }
                    FieldError { objectName: "campaignCodeError"; Layout.fillWidth: true; errors: root.errors; field: "code" }

                    Label { text: qsTr("Description") }
                    TextField { id: description; Layout.fillWidth: true; selectByMouse: true }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "description" }

                    Label { text: qsTr("Status") }
                    ComboBox {
                        id: status
                        objectName: "campaignStatusField"
                        Layout.fillWidth: true
                        textRole: "text"
                        valueRole: "value"
                        model: [
                            { value: "active", text: qsTr("Active") },
                            { value: "paused", text: qsTr("Paused") },
                            { value: "inactive", text: qsTr("Inactive") }
                        ]
                    }

                    Label { text: qsTr("Priority") }
                    SpinBox { id: priority; from: 0; to: 100; editable: true }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "priority" }

                    Label { text: qsTr("Time zone") }
                    ComboBox {
                        id: timezone
                        objectName: "campaignTimezoneField"
                        Layout.fillWidth: true
                        model: root.controller.timeZones
                        editable: true   // type "America/Bo…" rather than scroll 400 zones
                    }
                    Item { width: 1 }
                    FieldError { objectName: "campaignTimezoneError"; Layout.fillWidth: true; errors: root.errors; field: "timezone" }
                }

                // Business hours per day, in the campaign's time zone.
                CheckBox {
                    id: hoursSet
                    objectName: "businessHoursSet"
                    enabled: root.editable
                    text: qsTr("Business hours (outside them the offline message is sent)")
                }
                FieldError { Layout.fillWidth: true; errors: root.errors; field: "business_hours" }
                Repeater {
                    id: dayRows
                    model: root.days
                    delegate: RowLayout {
                        id: dayRow
                        required property var modelData
                        readonly property string day: modelData.key
                        property alias open: openBox.checked
                        property alias start: startField.text
                        property alias end: endField.text
                        function load(hours) {
                            openBox.checked = !!hours
                            startField.text = hours ? hours.start : "08:00"
                            endField.text = hours ? hours.end : "18:00"
                        }
                        visible: hoursSet.checked
                        enabled: root.editable
                        spacing: Theme.spacingS
                        CheckBox {
                            id: openBox
                            objectName: "dayOpen_" + dayRow.day
                            Layout.preferredWidth: 150
                            text: dayRow.modelData.text
                        }
                        TextField {
                            id: startField
                            objectName: "dayStart_" + dayRow.day
                            enabled: openBox.checked
                            Layout.preferredWidth: 70
                            inputMask: "99:99"
                        }
                        Label { text: "–" }
                        TextField {
                            id: endField
                            objectName: "dayEnd_" + dayRow.day
                            enabled: openBox.checked
                            Layout.preferredWidth: 70
                            inputMask: "99:99"
                        }
                        FieldError {
                            objectName: "dayError_" + dayRow.day
                            Layout.fillWidth: true
                            errors: root.errors
                            field: "business_hours." + dayRow.day
                            nested: true
                        }
                    }
                }

                GridLayout {
                    Layout.fillWidth: true
                    columns: 2
                    columnSpacing: Theme.spacingM
                    rowSpacing: Theme.spacingXs
                    enabled: root.editable

                    Label { text: qsTr("First response target (seconds)") }
                    SpinBox { id: slaFirst; objectName: "slaFirstField"; from: 0; to: 31536000; editable: true }
                    Item { width: 1 }
                    FieldError { objectName: "slaFirstError"; Layout.fillWidth: true; errors: root.errors; field: "sla_first_response_seconds" }

                    Label { text: qsTr("Resolution target (seconds)") }
                    SpinBox { id: slaResolution; from: 0; to: 31536000; editable: true }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "sla_resolution_seconds" }

                    Label { text: qsTr("Requeue when the first response is late") }
                    Switch { id: slaReassign }

                    Label { text: qsTr("Routing") }
                    ComboBox {
                        id: routing
                        objectName: "routingField"
                        Layout.fillWidth: true
                        textRole: "text"
                        valueRole: "value"
                        model: [
                            { value: "round_robin", text: qsTr("Round robin") },
                            { value: "least_busy", text: qsTr("Least busy") },
                            { value: "priority", text: qsTr("Agent priority") },
                            { value: "skills", text: qsTr("Skills") }
                        ]
                    }

                    Label { text: qsTr("Welcome message") }
                    TextArea {
                        id: welcome
                        Layout.fillWidth: true
                        Layout.minimumHeight: 60
                        wrapMode: TextEdit.Wrap
                        selectByMouse: true
                        background: Rectangle { color: Theme.surface; border.color: Theme.divider; radius: Theme.radiusS }
                    }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "welcome_message" }

                    Label { text: qsTr("Offline message") }
                    TextArea {
                        id: offline
                        Layout.fillWidth: true
                        Layout.minimumHeight: 60
                        wrapMode: TextEdit.Wrap
                        selectByMouse: true
                        background: Rectangle { color: Theme.surface; border.color: Theme.divider; radius: Theme.radiusS }
                    }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "offline_message" }

                    Label { text: qsTr("Bot") }
                    Switch { id: botEnabled; objectName: "botEnabledField"; text: qsTr("Answer first with the bot") }
                    Label { text: qsTr("Bot flow") }
                    ComboBox {
                        id: botFlow
                        objectName: "botFlowField"
                        Layout.fillWidth: true
                        model: root.botFlowChoices
                        textRole: "name"
                        valueRole: "id"
                    }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "bot_flow_id"; fields: ["bot_enabled"] }

                    Label { text: qsTr("Satisfaction survey") }
                    Switch { id: csatEnabled; text: qsTr("Ask after closing") }
                    Label { text: qsTr("Survey question") }
                    TextField {
                        id: csatMessage
                        Layout.fillWidth: true
                        placeholderText: qsTr("Default text in the customer's language")
                    }
                    Label { text: qsTr("Answers count for (minutes)") }
                    SpinBox { id: csatTimeout; from: 1; to: 10080; editable: true }
                    Item { width: 1 }
                    FieldError { Layout.fillWidth: true; errors: root.errors; field: "csat_timeout_minutes"; fields: ["csat_message"] }
                }

                // Its numbers (primary first) and agents, as the server has them; who may edit
                // the campaign adds and takes them out.
                Label {
                    visible: !root.creating
                    text: qsTr("WhatsApp numbers")
                    font.bold: true
                    Layout.topMargin: Theme.spacingM
                }
                Repeater {
                    model: root.creating ? [] : (root.campaign.whatsapp_numbers || [])
                    delegate: RowLayout {
                        required property var modelData
                        Label {
                            text: modelData.phone_number + " · " + modelData.display_name + (modelData.is_primary ? " · " + qsTr("primary") : "")
                        }
                        ToolButton {
                            objectName: "removeNumber_" + modelData.id
                            visible: root.controller.canUpdate
                            text: qsTr("Remove")
                            onClicked: root.controller.removeNumber(modelData.id)
                        }
                    }
                }
                RowLayout {
                    visible: !root.creating && root.controller.canUpdate
                    spacing: Theme.spacingS
                    ComboBox {
                        id: numberPicker
                        objectName: "numberPicker"
                        Layout.fillWidth: true
                        model: ResourceListModel {
                            app: root.creating || !root.controller.canUpdate ? null : root.controller.app
                            path: "/v1/whatsapp-numbers"
                            pageSize: 100
                        }
                        valueRole: "itemId"
                        displayText: currentIndex >= 0 ? root.numberText(model.get(currentIndex)) : qsTr("Choose a number")
                        delegate: ItemDelegate {
                            required property var item
                            required property int index
                            width: ListView.view.width
                            text: root.numberText(item)
                            highlighted: numberPicker.highlightedIndex === index
                        }
                    }
                    CheckBox { id: numberPrimary; text: qsTr("Primary") }
                    Button {
                        objectName: "addNumberButton"
                        text: qsTr("Add number")
                        enabled: numberPicker.currentIndex >= 0 && !root.controller.busy
                        onClicked: root.controller.addNumber(numberPicker.currentValue, numberPrimary.checked)
                    }
                }
                FieldError { Layout.fillWidth: true; errors: root.errors; field: "whatsapp_number_ids"; fields: ["primary_number_id"]; nested: true }

                Label {
                    visible: !root.creating
                    text: qsTr("Agents")
                    font.bold: true
                    Layout.topMargin: Theme.spacingM
                }
                Repeater {
                    objectName: "campaignAgents"
                    model: root.creating ? [] : (root.campaign.agents || [])
                    delegate: RowLayout {
                        required property var modelData
                        Label {
                            text: qsTr("%1 %2 · %3 chats · priority %4").arg(modelData.first_name).arg(modelData.last_name)
                                  .arg(modelData.max_concurrent_chats).arg(modelData.priority)
                                  + (modelData.skills.length > 0 ? " · " + modelData.skills.join(", ") : "")
                        }
                        ToolButton {
                            objectName: "removeAgent_" + modelData.user_id
                            visible: root.controller.canUpdate
                            text: qsTr("Remove")
                            onClicked: root.controller.removeAgent(modelData.user_id)
                        }
                    }
                }
                GridLayout {
                    visible: !root.creating && root.controller.canUpdate
                    columns: 4
                    columnSpacing: Theme.spacingS
                    ComboBox {
                        id: agentPicker
                        objectName: "agentPicker"
                        Layout.columnSpan: 4
                        Layout.fillWidth: true
                        model: ResourceListModel {
                            app: root.creating || !root.controller.canUpdate ? null : root.controller.app
                            path: "/v1/users"
                            pageSize: 100
                            filters: ({ status: "active" })
                        }
                        valueRole: "itemId"
                        displayText: currentIndex >= 0 ? root.userText(model.get(currentIndex)) : qsTr("Choose an agent")
                        delegate: ItemDelegate {
                            required property var item
                            required property int index
                            width: ListView.view.width
                            text: root.userText(item)
                            highlighted: agentPicker.highlightedIndex === index
                        }
                    }
                    Label { text: qsTr("Chats at once") }
                    SpinBox { id: agentCapacity; objectName: "agentCapacity"; from: 1; to: 100; value: 5; editable: true }
                    Label { text: qsTr("Priority") }
                    SpinBox { id: agentPriority; objectName: "agentPriority"; from: 0; to: 100; editable: true }
                    Label { text: qsTr("Skills") }
                    TextField {
                        id: agentSkills
                        objectName: "agentSkills"
                        Layout.columnSpan: 2
                        Layout.fillWidth: true
                        placeholderText: qsTr("Comma-separated, e.g. sales, english")
                    }
                    Button {
                        objectName: "addAgentButton"
                        text: qsTr("Add agent")
                        enabled: agentPicker.currentIndex >= 0 && !root.controller.busy
                        onClicked: root.controller.addAgent(agentPicker.currentValue, agentCapacity.value, agentPriority.value, agentSkills.text)
                    }
                }
                FieldError { Layout.fillWidth: true; errors: root.errors; field: "agents"; nested: true }
            }
        }
        // Always in view, below the form.
        RowLayout {
            spacing: Theme.spacingS
            Button {
                objectName: "saveCampaignButton"
                visible: root.editable
                text: root.creating ? qsTr("Create") : qsTr("Save")
                highlighted: true
                enabled: !root.controller.busy
                onClicked: root.controller.save(root.values())
            }
            Button {
                objectName: "deleteCampaignButton"
                visible: !root.creating && root.controller.canDelete
                text: qsTr("Delete")
                palette.buttonText: Theme.danger
                onClicked: confirmDelete.open()
            }
        }
    }

    ConfirmDialog {
        id: confirmDelete
        objectName: "confirmDeleteCampaign"
        title: qsTr("Delete campaign")
        message: qsTr("Delete %1? Its numbers and agents are unassigned; its chats and reports keep its name.").arg(root.campaign.name || "")
        onConfirmed: root.controller.remove(root.controller.itemId)
    }
}
