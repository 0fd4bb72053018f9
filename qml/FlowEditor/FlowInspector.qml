import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core

// The selected node's form: its key, then every config field of its type (docs/BOT_FLOWS.md#node-types)
// — a menu's option rows, a condition's rule rows, an input's validation with a pattern tester, an
// http_request's headers, body and saved paths, a transfer's target, tags, client fields, a delay,
// an end's close — each with the local check's problem under it, where it goes next, whether the
// flow starts or falls back there, and the variables its texts may name (a click writes one into
// the text being edited). Each change is one of the document's undoable commands.
ScrollView {
    id: root

    required property var document   // FlowDocument
    required property var canvas     // FlowCanvas, or anything with `selection`
    readonly property string key: canvas.selection.length === 1 ? canvas.selection[0] : ""
    property var node: ({})
    property var nodeKeys: []
    property var variables: []       // in scope at the node: FlowDocument::variablesInScope
    property var templateTarget: null   // the template field a variable is written into
    readonly property var config: node.config || ({})

    // Asks the simulator to start at this node (an http_request's test call).
    signal simulateRequested(string key)

    objectName: "flowInspector"
    contentWidth: availableWidth
    clip: true

    function refresh() {
        const nodes = root.document.nodes
        const keys = [""]
        for (let i = 0; i < nodes.rowCount(); ++i)
            keys.push(nodes.get(i).key)
        nodeKeys = keys
        node = key.length > 0 ? nodes.get(nodes.rowOf(key)) : ({})
        variables = key.length > 0 ? root.document.variablesInScope(key) : []
    }
    onKeyChanged: {
        templateTarget = null
        refresh()
    }
    Component.onCompleted: refresh()
    Connections {
        target: root.document.nodes
        function onDataChanged() { root.refresh() }
        function onRowsInserted() { root.refresh() }
        function onRowsRemoved() { root.refresh() }
        function onModelReset() { root.refresh() }
    }

    // The first problem the checks found on a field of the node ("config.options[0].label"), or "".
    function errorOf(field: string): string {
        const p = (node.problems || []).find(p => p.field === field)
        return p ? p.message : ""
    }
    // Problems on the node as a whole or on fields no form row shows.
    readonly property var otherProblems: (node.problems || []).filter(p => p.field.length === 0
                                                                        || p.field === "node_type"
                                                                        || p.field === "config.options"
                                                                        || p.field === "config.rules")

    function valueAt(path: var): var {
        let o = config
        for (let i = 0; i < path.length && o !== undefined && o !== null; ++i)
            o = o[path[i]]
        return o
    }
    // The config with the value at `path` changed; "", null and empty lists remove the field.
    function setPath(path: var, value: var) {
        const c = JSON.parse(JSON.stringify(config))
        let o = c
        for (let i = 0; i < path.length - 1; ++i) {
            if (typeof o[path[i]] !== "object" || o[path[i]] === null)
                o[path[i]] = {}
            o = o[path[i]]
        }
        const last = path[path.length - 1]
        if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0))
            delete o[last]
        else
            o[last] = value
        root.document.setConfig(key, c)
    }
    function setField(name: string, value: var) {
        setPath([name], value)
    }
    function setListItem(list: string, index: int, name: string, value: var) {
        const c = JSON.parse(JSON.stringify(config))
        const items = c[list] || []
        if (index >= items.length || items[index][name] === value)
            return
        if (value === "" && name !== "label" && name !== "variable")
            delete items[index][name]
        else
            items[index][name] = value
        c[list] = items
        root.document.setConfig(key, c)
    }
    function setPort(port: string, target: string) {
        if (target.length > 0)
            root.document.connectPort(key, port, target)
        else
            root.document.disconnectPort(key, port)
    }
    // "a, b ,c" as ["a", "b", "c"].
    function splitList(text: string): var {
        return text.split(",").map(s => s.trim()).filter(s => s.length > 0)
    }
    function insertVariable(name: string) {
        const t = templateTarget
        if (!t)
            return
        t.insert(t.cursorPosition, "{{" + name + "}}")
        t.commit()
        t.forceActiveFocus()
    }

    // A field's caption, its problem, a template text, a port's target, a map's rows.
    component Caption: Label {
        Layout.topMargin: Theme.spacingXs
        font.pixelSize: Theme.fontCaption
        color: Theme.textMuted
    }
    component FieldError: Label {
        Layout.fillWidth: true
        visible: text.length > 0
        color: Theme.danger
        font.pixelSize: Theme.fontCaption
        wrapMode: Text.Wrap
    }
    component TemplateArea: TextArea {
        id: area
        required property var form
        required property var path
        function commit() { form.setPath(path, text) }
        Layout.fillWidth: true
        Layout.preferredHeight: Math.max(36, implicitHeight)
        wrapMode: TextEdit.Wrap
        text: form.valueAt(path) || ""
        onEditingFinished: commit()
        onActiveFocusChanged: {
            if (activeFocus)
                form.templateTarget = area
        }
        background: Rectangle {
            border.color: area.activeFocus ? Theme.accent : Theme.divider
            radius: Theme.radiusS
        }
    }
    component TargetBox: ComboBox {
        required property var form
        required property string port
        readonly property string target: form.valueAt(port.replace(/^config\./, "").replace(/\[(\d+)\]/g, ".$1").split(".")) || ""
        Layout.fillWidth: true
        model: form.nodeKeys
        displayText: currentText.length > 0 ? currentText : qsTr("(none)")
        currentIndex: Math.max(0, form.nodeKeys.indexOf(target))
        onActivated: form.setPort(port, currentText)
    }
    component MapEditor: ColumnLayout {
        id: mapEditor
        required property var form
        required property var path          // the object's place in the config: ["headers"], ["fields", "custom_fields"]
        property string errorPrefix: ""     // "config.save.": a row's problem is at errorPrefix + its name
        property string namePlaceholder: qsTr("Name")
        property string valuePlaceholder: qsTr("Value")
        property var skip: []               // names shown elsewhere
        readonly property var entries: form.valueAt(path) || ({})
        function setEntry(oldName: string, name: string, value: var) {
            const o = JSON.parse(JSON.stringify(entries))
            const keys = Object.keys(o)
            const out = {}
            for (const k of keys) {   // keeps the rows' order when a name changes
                if (k === oldName) {
                    if (name.length > 0)
                        out[name] = value
                } else {
                    out[k] = o[k]
                }
            }
            if (oldName.length === 0 && name.length > 0)
                out[name] = value
            form.setPath(path, out)
        }
        Layout.fillWidth: true
        spacing: 2
        Repeater {
            model: Object.keys(mapEditor.entries).filter(k => mapEditor.skip.indexOf(k) < 0)
            delegate: ColumnLayout {
                id: entry
                required property string modelData
                required property int index
                Layout.fillWidth: true
                spacing: 0
                RowLayout {
                    Layout.fillWidth: true
                    TextField {
                        objectName: "mapName_" + mapEditor.path.join(".") + "_" + entry.index
                        Layout.preferredWidth: 90
                        text: entry.modelData
                        placeholderText: mapEditor.namePlaceholder
                        onEditingFinished: {
                            if (text.trim() !== entry.modelData && text.trim().length > 0)
                                mapEditor.setEntry(entry.modelData, text.trim(), mapEditor.entries[entry.modelData])
                        }
                    }
                    TextField {
                        id: valueField
                        objectName: "mapValue_" + mapEditor.path.join(".") + "_" + entry.index
                        Layout.fillWidth: true
                        readonly property var value: mapEditor.entries[entry.modelData]
                        text: value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value)
                        placeholderText: mapEditor.valuePlaceholder
                        function commit() {
                            if (text !== String(value))
                                mapEditor.setEntry(entry.modelData, entry.modelData, text)
                        }
                        onEditingFinished: commit()
                        onActiveFocusChanged: {
                            if (activeFocus)
                                mapEditor.form.templateTarget = valueField
                        }
                    }
                    ToolButton {
                        text: "✕"
                        onClicked: mapEditor.setEntry(entry.modelData, "", undefined)
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Remove")
                    }
                }
                FieldError {
                    objectName: "mapError_" + mapEditor.path.join(".") + "_" + entry.index
                    text: mapEditor.errorPrefix.length > 0 ? mapEditor.form.errorOf(mapEditor.errorPrefix + entry.modelData) : ""
                }
            }
        }
        Button {
            objectName: "mapAdd_" + mapEditor.path.join(".")
            text: qsTr("Add")
            flat: true
            onClicked: {
                let n = 1
                while (mapEditor.entries["name_" + n] !== undefined)
                    ++n
                mapEditor.setEntry("", "name_" + n, "")
            }
        }
    }

    ColumnLayout {
        width: root.availableWidth
        spacing: Theme.spacingXs

        Label {
            Layout.fillWidth: true
            Layout.margins: Theme.spacingM
            visible: root.key.length === 0
            text: root.canvas.selection.length > 1 ? qsTr("%n nodes selected", "", root.canvas.selection.length)
                                                   : qsTr("Select a node to edit it")
            color: Theme.textMuted
            wrapMode: Text.Wrap
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.margins: Theme.spacingM
            visible: root.key.length > 0
            spacing: Theme.spacingXs

            Caption { text: qsTr("Key") }
            TextField {
                objectName: "inspectorKey"
                Layout.fillWidth: true
                text: root.key
                onEditingFinished: {
                    if (text !== root.key && root.document.renameNode(root.key, text))
                        root.canvas.selection = [text]
                    else
                        text = root.key
                }
            }

            // The text sent: message, menu, input, transfer, end.
            Caption {
                visible: ["message", "menu", "input", "transfer", "end"].indexOf(root.node.type) >= 0
                text: root.node.type === "menu" || root.node.type === "input" ? qsTr("Question") : qsTr("Text")
            }
            TemplateArea {
                objectName: "inspectorContent"
                visible: ["message", "menu", "input", "transfer", "end"].indexOf(root.node.type) >= 0
                form: root
                path: ["content"]
            }
            FieldError { text: root.errorOf("config.content") }

            // message
            Caption {
                visible: root.node.type === "message"
                text: qsTr("Media file id (optional)")
            }
            TextField {
                objectName: "inspectorMedia"
                Layout.fillWidth: true
                visible: root.node.type === "message"
                text: root.config.media_file_id === undefined ? "" : String(root.config.media_file_id)
                validator: RegularExpressionValidator { regularExpression: /\d*/ }
                onEditingFinished: root.setField("media_file_id", text.length > 0 ? Number(text) : "")
            }

            // menu: option rows, each with its port.
            Caption {
                visible: root.node.type === "menu"
                text: qsTr("Options (label, value, next)")
            }
            FieldError { text: root.node.type === "menu" ? root.errorOf("config.options") : "" }
            Repeater {
                model: root.node.type === "menu" ? (root.config.options || []) : []
                delegate: ColumnLayout {
                    id: option
                    required property var modelData
                    required property int index
                    Layout.fillWidth: true
                    spacing: 0
                    RowLayout {
                        Layout.fillWidth: true
                        TextField {
                            objectName: "optionLabel_" + option.index
                            Layout.fillWidth: true
                            text: option.modelData.label || ""
                            placeholderText: qsTr("Label")
                            onEditingFinished: root.setListItem("options", option.index, "label", text)
                        }
                        TextField {
                            objectName: "optionValue_" + option.index
                            Layout.preferredWidth: 70
                            text: option.modelData.value || ""
                            placeholderText: qsTr("Value")
                            onEditingFinished: root.setListItem("options", option.index, "value", text)
                        }
                        ToolButton {
                            objectName: "optionRemove_" + option.index
                            text: "✕"
                            onClicked: root.document.removeMenuOption(root.key, option.index)
                            ToolTip.visible: hovered
                            ToolTip.text: qsTr("Remove the option")
                        }
                    }
                    FieldError {
                        objectName: "optionLabelError_" + option.index
                        text: root.errorOf("config.options[" + option.index + "].label")
                    }
                    TargetBox {
                        objectName: "optionNext_" + option.index
                        form: root
                        port: "config.options[" + option.index + "].next"
                    }
                    FieldError { text: root.errorOf("config.options[" + option.index + "].next") }
                }
            }
            Button {
                objectName: "inspectorAddOption"
                visible: root.node.type === "menu"
                text: qsTr("Add option")
                onClicked: root.document.addMenuOption(root.key, qsTr("Option %1").arg((root.config.options || []).length + 1))
            }

            // input: where the answer goes and how it is checked.
            Caption {
                visible: root.node.type === "input"
                text: qsTr("Save the answer as")
            }
            TextField {
                objectName: "inputVariable"
                Layout.fillWidth: true
                visible: root.node.type === "input"
                text: root.config.variable || ""
                validator: RegularExpressionValidator { regularExpression: /[A-Za-z0-9_.-]*/ }
                onEditingFinished: root.setField("variable", text)
            }
            FieldError { text: root.errorOf("config.variable") }
            Caption {
                visible: root.node.type === "input"
                text: qsTr("Accept")
            }
            ColumnLayout {
                id: validation
                Layout.fillWidth: true
                visible: root.node.type === "input"
                readonly property string value: root.config.validation || "text"
                readonly property bool isRegex: value.startsWith("regex:")
                readonly property string pattern: isRegex ? value.substring(6) : ""
                readonly property var kinds: ["text", "number", "email", "phone", "date", "regex"]
                readonly property var kindNames: [qsTr("Any text"), qsTr("A number"), qsTr("An email address"),
                                                  qsTr("A phone number"), qsTr("A date"), qsTr("A regular expression")]
                ComboBox {
                    objectName: "inputValidation"
                    Layout.fillWidth: true
                    model: validation.kindNames
                    currentIndex: Math.max(0, validation.kinds.indexOf(validation.isRegex ? "regex" : validation.value))
                    onActivated: index => {
                        const kind = validation.kinds[index]
                        root.setField("validation", kind === "regex" ? "regex:" + validation.pattern : kind)
                    }
                }
                TextField {
                    objectName: "inputPattern"
                    Layout.fillWidth: true
                    visible: validation.isRegex
                    text: validation.pattern
                    placeholderText: qsTr("Pattern, e.g. [A-Z]{3}[0-9]{3}")
                    font.family: "monospace"
                    onEditingFinished: root.setField("validation", "regex:" + text)
                }
                // The tester: an answer tried against the pattern as the server would (whole answer).
                RowLayout {
                    Layout.fillWidth: true
                    visible: validation.isRegex
                    TextField {
                        id: sample
                        objectName: "patternSample"
                        Layout.fillWidth: true
                        placeholderText: qsTr("Try an answer")
                    }
                    Label {
                        objectName: "patternResult"
                        readonly property var result: root.document.testPattern(validation.pattern, sample.text, true)
                        text: !result.valid ? "✕" : sample.text.length === 0 ? "" : result.matched ? qsTr("Accepted") : qsTr("Refused")
                        color: !result.valid || !result.matched ? Theme.danger : Theme.accent
                        font.pixelSize: Theme.fontCaption
                    }
                }
            }
            FieldError {
                objectName: "validationError"
                text: root.errorOf("config.validation")
            }

            // menu and input: what an answer that does not fit gets.
            Caption {
                visible: root.node.type === "menu" || root.node.type === "input"
                text: qsTr("Reply to an invalid answer")
            }
            TemplateArea {
                objectName: "inspectorInvalid"
                visible: root.node.type === "menu" || root.node.type === "input"
                form: root
                path: ["invalid_message"]
            }

            // condition: rule rows, each with its port, then the default.
            Caption {
                visible: root.node.type === "condition"
                text: qsTr("Rules, tried in order")
            }
            FieldError { text: root.node.type === "condition" ? root.errorOf("config.rules") : "" }
            Repeater {
                model: root.node.type === "condition" ? (root.config.rules || []) : []
                delegate: ColumnLayout {
                    id: rule
                    required property var modelData
                    required property int index
                    readonly property string field: "config.rules[" + index + "]"
                    Layout.fillWidth: true
                    spacing: 0
                    RowLayout {
                        Layout.fillWidth: true
                        ComboBox {
                            objectName: "ruleVariable_" + rule.index
                            Layout.preferredWidth: 100
                            editable: true
                            model: root.variables
                            editText: rule.modelData.variable || ""
                            onAccepted: root.setListItem("rules", rule.index, "variable", editText.trim())
                            onActivated: root.setListItem("rules", rule.index, "variable", currentText)
                        }
                        ComboBox {
                            objectName: "ruleOperator_" + rule.index
                            Layout.preferredWidth: 90
                            model: ["eq", "neq", "contains", "gt", "lt", "exists", "matches"]
                            currentIndex: Math.max(0, model.indexOf(rule.modelData.operator || "eq"))
                            onActivated: root.setListItem("rules", rule.index, "operator", currentText)
                        }
                        TextField {
                            objectName: "ruleValue_" + rule.index
                            Layout.fillWidth: true
                            visible: rule.modelData.operator !== "exists"
                            text: rule.modelData.value === undefined ? "" : String(rule.modelData.value)
                            placeholderText: rule.modelData.operator === "matches" ? qsTr("Pattern") : qsTr("Value")
                            onEditingFinished: root.setListItem("rules", rule.index, "value", text)
                        }
                        ToolButton {
                            text: "✕"
                            onClicked: root.document.removeConditionRule(root.key, rule.index)
                            ToolTip.visible: hovered
                            ToolTip.text: qsTr("Remove the rule")
                        }
                    }
                    FieldError {
                        objectName: "ruleVariableError_" + rule.index
                        text: root.errorOf(rule.field + ".variable")
                    }
                    FieldError { text: root.errorOf(rule.field + ".operator") }
                    FieldError { text: root.errorOf(rule.field + ".value") }
                    TargetBox {
                        objectName: "ruleNext_" + rule.index
                        form: root
                        port: rule.field + ".next"
                    }
                    FieldError { text: root.errorOf(rule.field + ".next") }
                }
            }
            Button {
                objectName: "inspectorAddRule"
                visible: root.node.type === "condition"
                text: qsTr("Add rule")
                onClicked: root.document.addConditionRule(root.key, "")
            }
            Caption {
                visible: root.node.type === "condition"
                text: qsTr("Otherwise")
            }
            TargetBox {
                objectName: "conditionDefault"
                visible: root.node.type === "condition"
                form: root
                port: "config.default"
            }
            FieldError { text: root.errorOf("config.default") }

            // set_variable
            Caption {
                visible: root.node.type === "set_variable"
                text: qsTr("Set (name, template)")
            }
            MapEditor {
                visible: root.node.type === "set_variable"
                form: root
                path: ["assign"]
                namePlaceholder: qsTr("Variable")
                valuePlaceholder: qsTr("{{answer}} or text")
            }

            // http_request
            GridLayout {
                Layout.fillWidth: true
                visible: root.node.type === "http_request"
                columns: 2
                ComboBox {
                    objectName: "httpMethod"
                    model: ["GET", "POST", "PUT", "PATCH", "DELETE"]
                    currentIndex: Math.max(0, model.indexOf(root.config.method || "GET"))
                    onActivated: root.setField("method", currentText)
                }
                SpinBox {
                    objectName: "httpTimeout"
                    from: 1
                    to: 30000
                    stepSize: 500
                    editable: true
                    value: root.config.timeout_ms || 10000
                    onValueModified: root.setField("timeout_ms", value)
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Timeout in milliseconds (at most 30,000)")
                }
            }
            Caption {
                visible: root.node.type === "http_request"
                text: qsTr("URL")
            }
            TemplateArea {
                objectName: "httpUrl"
                visible: root.node.type === "http_request"
                form: root
                path: ["url"]
                font.family: "monospace"
            }
            FieldError { text: root.errorOf("config.url") }
            Caption {
                visible: root.node.type === "http_request"
                text: qsTr("Headers")
            }
            MapEditor {
                visible: root.node.type === "http_request"
                form: root
                path: ["headers"]
                namePlaceholder: qsTr("Header")
            }
            Caption {
                visible: root.node.type === "http_request"
                text: qsTr("Body")
            }
            TemplateArea {
                objectName: "httpBody"
                visible: root.node.type === "http_request"
                form: root
                path: ["body"]
                font.family: "monospace"
                Layout.preferredHeight: Math.max(60, implicitHeight)
            }
            Caption {
                visible: root.node.type === "http_request"
                text: qsTr("Save from the answer (variable, JSON path)")
            }
            MapEditor {
                visible: root.node.type === "http_request"
                form: root
                path: ["save"]
                errorPrefix: "config.save."
                namePlaceholder: qsTr("Variable")
                valuePlaceholder: "$.data.id"
            }
            Caption {
                visible: root.node.type === "http_request"
                text: qsTr("On error")
            }
            TargetBox {
                objectName: "httpOnError"
                visible: root.node.type === "http_request"
                form: root
                port: "config.on_error"
            }
            FieldError { text: root.errorOf("config.on_error") }
            Button {
                objectName: "httpTryButton"
                visible: root.node.type === "http_request"
                text: qsTr("Try it in the simulator")
                onClicked: root.simulateRequested(root.key)
            }

            // tag
            Caption {
                visible: root.node.type === "tag"
                text: qsTr("Chat tags (comma separated)")
            }
            TextField {
                objectName: "chatTags"
                Layout.fillWidth: true
                visible: root.node.type === "tag"
                text: (root.config.chat_tags || []).join(", ")
                onEditingFinished: root.setField("chat_tags", root.splitList(text))
            }
            Caption {
                visible: root.node.type === "tag"
                text: qsTr("Client tags (comma separated)")
            }
            TextField {
                objectName: "clientTags"
                Layout.fillWidth: true
                visible: root.node.type === "tag"
                text: (root.config.client_tags || []).join(", ")
                onEditingFinished: root.setField("client_tags", root.splitList(text))
            }

            // update_client
            Caption {
                visible: root.node.type === "update_client"
                text: qsTr("Client fields (lead_status, segment…)")
            }
            MapEditor {
                visible: root.node.type === "update_client"
                form: root
                path: ["fields"]
                skip: ["custom_fields"]
                namePlaceholder: qsTr("Field")
            }
            Caption {
                visible: root.node.type === "update_client"
                text: qsTr("Custom fields")
            }
            MapEditor {
                visible: root.node.type === "update_client"
                form: root
                path: ["fields", "custom_fields"]
                namePlaceholder: qsTr("Field")
            }

            // transfer
            Caption {
                visible: root.node.type === "transfer"
                text: qsTr("Transfer to")
            }
            RowLayout {
                Layout.fillWidth: true
                visible: root.node.type === "transfer"
                ComboBox {
                    id: targetType
                    objectName: "transferTarget"
                    Layout.fillWidth: true
                    readonly property var types: ["queue", "campaign", "agent"]
                    model: [qsTr("The campaign's queue"), qsTr("A campaign"), qsTr("An agent")]
                    currentIndex: Math.max(0, types.indexOf(root.config.target_type || "queue"))
                    onActivated: index => {
                        const c = JSON.parse(JSON.stringify(root.config))
                        c.target_type = types[index]
                        if (index === 0)
                            delete c.target_id
                        root.document.setConfig(root.key, c)
                    }
                }
                SpinBox {
                    objectName: "transferTargetId"
                    visible: targetType.currentIndex > 0
                    from: 1
                    to: 2147483647
                    editable: true
                    value: root.config.target_id || 1
                    onValueModified: root.setField("target_id", value)
                    ToolTip.visible: hovered
                    ToolTip.text: targetType.currentIndex === 1 ? qsTr("The campaign's id") : qsTr("The agent's id")
                }
            }
            FieldError { text: root.errorOf("config.target_type") || root.errorOf("config.target_id") }
            Caption {
                visible: root.node.type === "transfer"
                text: qsTr("Skills (comma separated)")
            }
            TextField {
                objectName: "transferSkills"
                Layout.fillWidth: true
                visible: root.node.type === "transfer"
                text: (root.config.skills || []).join(", ")
                onEditingFinished: root.setField("skills", root.splitList(text))
            }

            // delay
            Caption {
                visible: root.node.type === "delay"
                text: qsTr("Wait (seconds)")
            }
            SpinBox {
                objectName: "delaySeconds"
                visible: root.node.type === "delay"
                from: 0
                to: 86400
                editable: true
                value: root.config.seconds || 0
                onValueModified: root.setField("seconds", value)
            }

            // end: optionally closes the chat.
            CheckBox {
                objectName: "endClose"
                visible: root.node.type === "end"
                text: qsTr("Close the chat")
                checked: root.config.close !== undefined
                onToggled: root.setField("close", checked ? { close_reason: "", outcome: "" } : "")
            }
            GridLayout {
                Layout.fillWidth: true
                visible: root.node.type === "end" && root.config.close !== undefined
                columns: 2
                Label {
                    text: qsTr("Reason")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                }
                TextField {
                    objectName: "endCloseReason"
                    Layout.fillWidth: true
                    text: (root.config.close || {}).close_reason || ""
                    onEditingFinished: root.setPath(["close", "close_reason"], text)
                }
                Label {
                    text: qsTr("Outcome")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                }
                TextField {
                    objectName: "endCloseOutcome"
                    Layout.fillWidth: true
                    text: (root.config.close || {}).outcome || ""
                    onEditingFinished: root.setPath(["close", "outcome"], text)
                }
            }

            // Where it goes next.
            Caption {
                visible: (root.node.ports || []).some(p => p.field === "config.next")
                text: qsTr("Next")
            }
            TargetBox {
                objectName: "inspectorNext"
                visible: (root.node.ports || []).some(p => p.field === "config.next")
                form: root
                port: "config.next"
            }
            FieldError {
                objectName: "nextError"
                text: root.errorOf("config.next")
            }

            RowLayout {
                Layout.fillWidth: true
                Button {
                    objectName: "inspectorStart"
                    text: qsTr("Start here")
                    enabled: !root.node.isStart
                    onClicked: root.document.setStartNode(root.key)
                }
                Button {
                    text: root.node.isFallback ? qsTr("No fallback") : qsTr("Fallback here")
                    onClicked: root.document.setFallbackNode(root.node.isFallback ? "" : root.key)
                }
            }

            // The node's other problems (the node as a whole: unreachable, a loop…).
            Repeater {
                model: root.otherProblems
                delegate: Label {
                    required property var modelData
                    Layout.fillWidth: true
                    text: modelData.message
                    color: modelData.severity === "error" ? Theme.danger : Theme.warningText
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.fontCaption
                }
            }

            // What the node sets, for the nodes after it.
            Label {
                objectName: "variablesSet"
                readonly property var names: root.node.type === "input" ? [root.config.variable || ""].filter(n => n.length > 0)
                                           : root.node.type === "set_variable" ? Object.keys(root.config.assign || {})
                                           : root.node.type === "http_request" ? Object.keys(root.config.save || {}) : []
                Layout.fillWidth: true
                visible: names.length > 0
                text: qsTr("Sets: %1").arg(names.map(n => "{{" + n + "}}").join(", "))
                color: Theme.textMuted
                font.pixelSize: Theme.fontCaption
                wrapMode: Text.Wrap
            }
            // The variables the texts may name; a click writes {{name}} where the cursor was.
            Caption { text: qsTr("Variables in scope (click to insert)") }
            Flow {
                objectName: "variablesInScope"
                Layout.fillWidth: true
                spacing: Theme.spacingXs
                Repeater {
                    model: root.variables
                    delegate: Button {
                        required property string modelData
                        objectName: "variable_" + modelData
                        text: "{{" + modelData + "}}"
                        flat: true
                        focusPolicy: Qt.NoFocus   // the text being edited keeps its cursor
                        font.pixelSize: Theme.fontSmall
                        enabled: root.templateTarget !== null
                        onClicked: root.insertVariable(modelData)
                    }
                }
            }
        }
    }
}
