import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core

// The selected node's main fields: its key, its text, a menu's options, a condition's rules, where
// it goes next, and whether the flow starts or falls back there. Each change is one of the
// document's undoable commands. (The full per-type form is a later step.)
ScrollView {
    id: root

    required property var document   // FlowDocument
    required property var canvas     // FlowCanvas
    readonly property string key: canvas.selection.length === 1 ? canvas.selection[0] : ""
    property var node: ({})
    property var nodeKeys: []

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
    }
    onKeyChanged: refresh()
    Component.onCompleted: refresh()
    Connections {
        target: root.document.nodes
        function onDataChanged() { root.refresh() }
        function onRowsInserted() { root.refresh() }
        function onRowsRemoved() { root.refresh() }
        function onModelReset() { root.refresh() }
    }

    readonly property bool hasContent: ["message", "menu", "input", "transfer", "end"].indexOf(node.type) >= 0
    readonly property bool hasNext: (node.ports || []).some(p => p.field === "config.next")

    function setField(name: string, value: var) {
        const c = Object.assign({}, node.config || {})
        if (c[name] === value)
            return
        c[name] = value
        root.document.setConfig(key, c)
    }
    function setListItem(list: string, index: int, name: string, value: var) {
        const c = Object.assign({}, node.config || {})
        const items = (c[list] || []).map(o => Object.assign({}, o))
        if (index >= items.length || items[index][name] === value)
            return
        items[index][name] = value
        c[list] = items
        root.document.setConfig(key, c)
    }

    ColumnLayout {
        width: root.availableWidth
        spacing: Theme.spacingS

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
            spacing: Theme.spacingS

            Label {
                text: qsTr("Key")
                font.pixelSize: Theme.fontCaption
                color: Theme.textMuted
            }
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

            Label {
                visible: root.hasContent
                text: qsTr("Text")
                font.pixelSize: Theme.fontCaption
                color: Theme.textMuted
            }
            TextArea {
                objectName: "inspectorContent"
                Layout.fillWidth: true
                Layout.preferredHeight: 80
                visible: root.hasContent
                wrapMode: TextEdit.Wrap
                text: (root.node.config || {}).content || ""
                onEditingFinished: root.setField("content", text)
                background: Rectangle {
                    border.color: Theme.divider
                    radius: Theme.radiusS
                }
            }

            Label {
                visible: root.node.type === "input"
                text: qsTr("Save the answer as")
                font.pixelSize: Theme.fontCaption
                color: Theme.textMuted
            }
            TextField {
                Layout.fillWidth: true
                visible: root.node.type === "input"
                text: (root.node.config || {}).variable || ""
                onEditingFinished: root.setField("variable", text)
            }

            // A menu's options.
            Label {
                visible: root.node.type === "menu"
                text: qsTr("Options")
                font.pixelSize: Theme.fontCaption
                color: Theme.textMuted
            }
            Repeater {
                model: root.node.type === "menu" ? ((root.node.config || {}).options || []) : []
                delegate: RowLayout {
                    required property var modelData
                    required property int index
                    Layout.fillWidth: true
                    TextField {
                        Layout.fillWidth: true
                        text: modelData.label || ""
                        placeholderText: qsTr("Label")
                        onEditingFinished: root.setListItem("options", index, "label", text)
                    }
                    ToolButton {
                        text: "✕"
                        onClicked: root.document.removeMenuOption(root.key, index)
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Remove the option")
                    }
                }
            }
            Button {
                objectName: "inspectorAddOption"
                visible: root.node.type === "menu"
                text: qsTr("Add option")
                onClicked: root.document.addMenuOption(root.key, qsTr("Option %1").arg(((root.node.config || {}).options || []).length + 1))
            }

            // A condition's rules.
            Label {
                visible: root.node.type === "condition"
                text: qsTr("Rules")
                font.pixelSize: Theme.fontCaption
                color: Theme.textMuted
            }
            Repeater {
                model: root.node.type === "condition" ? ((root.node.config || {}).rules || []) : []
                delegate: RowLayout {
                    required property var modelData
                    required property int index
                    Layout.fillWidth: true
                    TextField {
                        Layout.preferredWidth: 80
                        text: modelData.variable || ""
                        placeholderText: qsTr("Variable")
                        onEditingFinished: root.setListItem("rules", index, "variable", text)
                    }
                    ComboBox {
                        Layout.preferredWidth: 90
                        model: ["eq", "neq", "contains", "gt", "lt", "exists", "matches"]
                        currentIndex: Math.max(0, model.indexOf(modelData.operator || "eq"))
                        onActivated: root.setListItem("rules", index, "operator", currentText)
                    }
                    TextField {
                        Layout.fillWidth: true
                        text: modelData.value === undefined ? "" : String(modelData.value)
                        placeholderText: qsTr("Value")
                        onEditingFinished: root.setListItem("rules", index, "value", text)
                    }
                    ToolButton {
                        text: "✕"
                        onClicked: root.document.removeConditionRule(root.key, index)
                    }
                }
            }
            Button {
                visible: root.node.type === "condition"
                text: qsTr("Add rule")
                onClicked: root.document.addConditionRule(root.key, "")
            }

            Label {
                visible: root.hasNext
                text: qsTr("Next")
                font.pixelSize: Theme.fontCaption
                color: Theme.textMuted
            }
            ComboBox {
                objectName: "inspectorNext"
                Layout.fillWidth: true
                visible: root.hasNext
                model: root.nodeKeys
                displayText: currentText.length > 0 ? currentText : qsTr("(none)")
                currentIndex: Math.max(0, root.nodeKeys.indexOf((root.node.config || {}).next || ""))
                onActivated: {
                    if (currentText.length > 0)
                        root.document.connectPort(root.key, "config.next", currentText)
                    else
                        root.document.disconnectPort(root.key, "config.next")
                }
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

            // This node's problems.
            Repeater {
                model: root.node.problems || []
                delegate: Label {
                    required property var modelData
                    Layout.fillWidth: true
                    text: modelData.message
                    color: modelData.severity === "error" ? Theme.danger : Theme.warningText
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.fontCaption
                }
            }
        }
    }
}
