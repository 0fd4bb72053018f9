import QtQuick
import QtTest
import Conversa.Core
import Conversa.FlowEditor

// The flow editor's inspector: one form per node type (docs/BOT_FLOWS.md#node-types). Each test
// adds a node to a fresh document, selects it, edits the form's fields as a person would (text,
// then editing finished; a choice in a box), and reads the node's config back; problems of the
// local check show under the field they are about; the variables in scope are written into the
// text being edited.
TestCase {
    id: testCase
    name: "FlowInspector"
    when: windowShown
    width: 420
    height: 1400

    Component {
        id: controllerComponent
        FlowEditorController {}
    }
    QtObject {
        id: selection
        property var selection: []
    }
    Component {
        id: inspectorComponent
        FlowInspector {
            width: 400
            height: 1380
            canvas: selection
        }
    }

    property var doc: null
    property var inspector: null

    // A document with a node of `type` (and an end node to connect to), the node selected.
    function form(type) {
        const ctl = createTemporaryObject(controllerComponent, testCase)
        doc = ctl.document
        doc.addNode("end", 400, 0)
        const key = doc.addNode(type, 0, 0)
        selection.selection = [key]
        inspector = createTemporaryObject(inspectorComponent, testCase.Window.contentItem, { document: doc })
        verify(inspector)
        return key
    }
    function config(key) {
        return doc.nodes.get(doc.nodes.rowOf(key)).config
    }
    function child(name) {
        const c = findChild(inspector, name)
        verify(c, name)
        return c
    }
    function type(name, text) {
        const field = child(name)
        field.text = text
        field.editingFinished()
    }
    function choose(name, index) {
        const box = child(name)
        box.currentIndex = index
        box.activated(index)
    }

    function test_message() {
        const key = form("message")
        type("inspectorContent", "Hola {{client.first_name}}")
        type("inspectorMedia", "42")
        choose("inspectorNext", 1)   // "" then end
        const c = config(key)
        compare(c.content, "Hola {{client.first_name}}")
        compare(c.media_file_id, 42)
        compare(c.next, "end")
        // One undo takes back one field.
        doc.undo()
        compare(config(key).next, undefined)
    }

    function test_menu() {
        const key = form("menu")
        type("inspectorContent", "¿Qué necesitas?")
        child("inspectorAddOption").clicked()
        child("inspectorAddOption").clicked()
        compare(config(key).options.length, 2)
        type("optionLabel_0", "Ventas")
        type("optionValue_0", "sales")
        choose("optionNext_0", 1)
        type("inspectorInvalid", "Elige 1 o 2")
        const c = config(key)
        compare(c.options[0].label, "Ventas")
        compare(c.options[0].value, "sales")
        compare(c.options[0].next, "end")
        compare(c.invalid_message, "Elige 1 o 2")
        // A label too long for a reply button: the problem under its field.
        type("optionLabel_1", "Una etiqueta demasiado larga para un botón")
        tryVerify(() => child("optionLabelError_1").text.length > 0)
        verify(child("optionLabelError_1").visible)
        compare(child("optionLabelError_0").text, "")
        child("optionRemove_1").clicked()
        compare(config(key).options.length, 1)
    }

    function test_input_validation_and_tester() {
        const key = form("input")
        type("inputVariable", "plate")
        choose("inputValidation", 1)
        compare(config(key).validation, "number")
        choose("inputValidation", 5)
        compare(config(key).validation, "regex:")
        tryVerify(() => child("validationError").text.length > 0)   // an empty pattern
        type("inputPattern", "[A-Z]{3}\\d{3}")
        compare(config(key).validation, "regex:[A-Z]{3}\\d{3}")
        tryCompare(child("validationError"), "text", "")
        const sample = child("patternSample")
        sample.text = "ABC123"
        compare(child("patternResult").text, "Accepted")
        sample.text = "xABC123"
        compare(child("patternResult").text, "Refused")
        type("inputPattern", "([A-Z")
        compare(child("patternResult").text, "✕")
        tryVerify(() => child("validationError").text.length > 0)
        compare(config(key).variable, "plate")
    }

    function test_condition() {
        const key = form("condition")
        child("inspectorAddRule").clicked()
        const variable = child("ruleVariable_0")
        variable.editText = "plan"
        variable.accepted()
        choose("ruleOperator_0", 2)   // contains
        type("ruleValue_0", "pro")
        choose("ruleNext_0", 1)
        choose("conditionDefault", 1)
        const c = config(key)
        compare(c.rules[0].variable, "plan")
        compare(c.rules[0].operator, "contains")
        compare(c.rules[0].value, "pro")
        compare(c.rules[0].next, "end")
        compare(c.default, "end")
        // Nothing sets plan: the warning is under the rule's variable.
        tryVerify(() => child("ruleVariableError_0").text.length > 0)
    }

    function test_http_request() {
        const key = form("http_request")
        choose("httpMethod", 1)
        type("httpUrl", "https://crm.example.com/orders/{{order}}")
        type("httpBody", "{\"id\": \"{{order}}\"}")
        const timeout = child("httpTimeout")
        timeout.value = 5000
        timeout.valueModified()
        child("mapAdd_headers").clicked()
        type("mapName_headers_0", "Authorization")
        type("mapValue_headers_0", "Bearer x")
        child("mapAdd_save").clicked()
        type("mapName_save_0", "state")
        type("mapValue_save_0", "$..state")
        choose("httpOnError", 1)
        const c = config(key)
        compare(c.method, "POST")
        compare(c.url, "https://crm.example.com/orders/{{order}}")
        compare(c.body, "{\"id\": \"{{order}}\"}")
        compare(c.timeout_ms, 5000)
        compare(c.headers, { "Authorization": "Bearer x" })
        compare(c.save, { "state": "$..state" })
        compare(c.on_error, "end")
        // Not a JSON path the server reads: under the saved variable's row.
        tryVerify(() => child("mapError_save_0").text.length > 0)
        type("mapValue_save_0", "$.data.state")
        tryCompare(child("mapError_save_0"), "text", "")
        // The test call: the simulator is asked to start here.
        const spy = createTemporaryQmlObject("import QtTest; SignalSpy { signalName: \"simulateRequested\" }", testCase)
        spy.target = inspector
        child("httpTryButton").clicked()
        compare(spy.count, 1)
        compare(spy.signalArguments[0][0], key)
    }

    function test_set_variable_tag_update_client() {
        let key = form("set_variable")
        child("mapAdd_assign").clicked()
        type("mapName_assign_0", "greeting")
        type("mapValue_assign_0", "Hola {{client.first_name}}")
        compare(config(key).assign, { "greeting": "Hola {{client.first_name}}" })
        compare(child("variablesSet").text, "Sets: {{greeting}}")

        key = form("tag")
        type("chatTags", "ventas, vip ,")
        type("clientTags", "lead")
        compare(config(key).chat_tags, ["ventas", "vip"])
        compare(config(key).client_tags, ["lead"])

        key = form("update_client")
        child("mapAdd_fields").clicked()
        type("mapName_fields_0", "lead_status")
        type("mapValue_fields_0", "contacted")
        child("mapAdd_fields.custom_fields").clicked()
        type("mapName_fields.custom_fields_0", "plan")
        type("mapValue_fields.custom_fields_0", "{{plan}}")
        compare(config(key).fields, { "lead_status": "contacted", "custom_fields": { "plan": "{{plan}}" } })
    }

    function test_transfer_delay_end() {
        let key = form("transfer")
        choose("transferTarget", 2)
        const id = child("transferTargetId")
        verify(id.visible)
        id.value = 7
        id.valueModified()
        type("transferSkills", "ventas, inglés")
        compare(config(key).target_type, "agent")
        compare(config(key).target_id, 7)
        compare(config(key).skills, ["ventas", "inglés"])
        choose("transferTarget", 0)
        compare(config(key).target_id, undefined)
        verify(!child("transferTargetId").visible)

        key = form("delay")
        const seconds = child("delaySeconds")
        seconds.value = 30
        seconds.valueModified()
        compare(config(key).seconds, 30)

        key = form("end")
        const close = child("endClose")
        close.checked = true
        close.toggled()
        type("endCloseReason", "bot")
        type("endCloseOutcome", "resolved")
        compare(config(key).close, { "close_reason": "bot", "outcome": "resolved" })
    }

    // The variables in scope are listed; a click writes one where the cursor is in the text
    // being edited.
    function test_variables_in_scope() {
        const key = form("message")
        const ask = doc.addNode("input", -300, 0)
        doc.setConfig(ask, { "content": "¿Tu correo?", "variable": "email", "validation": "email" })
        doc.connectPort(ask, "config.next", key)
        tryVerify(() => findChild(inspector, "variable_email") !== null)
        verify(findChild(inspector, "variable_client.first_name"))
        const content = child("inspectorContent")
        content.forceActiveFocus()
        content.text = "Te escribiremos a "
        content.cursorPosition = content.text.length
        child("variable_email").clicked()
        compare(config(key).content, "Te escribiremos a {{email}}")
        // The input's own answer is not in scope for its own question.
        selection.selection = [ask]
        tryVerify(() => findChild(inspector, "variable_email") === null)
    }
}
