import QtQuick
import QtQuick.Controls
import Conversa.Core

// One node on the canvas (a row of FlowNodeModel): a header in its type's colour with the key, the
// main text of its config, and its ports, each a row with its label and a dot to drag a connection
// from. The geometry is the canvas's (nodeWidth, headerHeight…), which also draws the edges; the
// canvas places it and gives it its node's row.
Rectangle {
    id: root

    required property var canvas
    property string key
    property string type
    property var config
    property var ports: []
    property bool isStart
    property bool isFallback
    property bool hasErrors
    property bool hasWarnings
    property bool lit   // on the path a simulation took

    readonly property bool selected: canvas.selection.indexOf(key) >= 0

    width: canvas.nodeWidth
    height: canvas.nodeHeight(ports.length)
    radius: Theme.radiusM
    color: lit ? canvas.pathSurface : Theme.surface
    border.width: selected || lit ? 3 : hasErrors ? 2 : 1
    border.color: selected ? Theme.accent : lit ? canvas.pathColor : hasErrors ? Theme.danger : hasWarnings ? Theme.warning
                                                                                                   : Theme.bubbleBorder

    function typeColor(t: string): color {
        switch (t) {
        case "message": return "#1e88e5"
        case "menu": return "#8e24aa"
        case "input": return "#00897b"
        case "condition": return "#ef6c00"
        case "set_variable": return "#6d4c41"
        case "http_request": return "#3949ab"
        case "tag": return "#43a047"
        case "update_client": return "#00acc1"
        case "transfer": return "#d81b60"
        case "delay": return "#757575"
        }
        return "#b3261e"   // end
    }
    function typeName(t: string): string {
        switch (t) {
        case "message": return qsTr("Message")
        case "menu": return qsTr("Menu")
        case "input": return qsTr("Question")
        case "condition": return qsTr("Condition")
        case "set_variable": return qsTr("Set variable")
        case "http_request": return qsTr("HTTP request")
        case "tag": return qsTr("Tag")
        case "update_client": return qsTr("Update client")
        case "transfer": return qsTr("Transfer")
        case "delay": return qsTr("Delay")
        case "end": return qsTr("End")
        }
        return t
    }
    // The config's main field, as a line or two of text.
    function summary(): string {
        const c = config || {}
        switch (type) {
        case "input": return (c.content || "") + (c.variable ? "  → {{" + c.variable + "}}" : "")
        case "condition": return qsTr("%n rule(s)", "", (c.rules || []).length)
        case "set_variable": return Object.keys(c.assign || {}).join(", ")
        case "http_request": return ((c.method || "GET") + " " + (c.url || "")).trim()
        case "tag": return (c.chat_tags || []).concat(c.client_tags || []).join(", ")
        case "transfer": return (c.target_type || "") + (c.target_id ? " #" + c.target_id : "")
        case "delay": return qsTr("%n second(s)", "", c.seconds || 0)
        case "update_client": return Object.keys(c.fields || {}).join(", ")
        }
        return c.content || ""
    }

    // Header
    Rectangle {
        id: header
        width: parent.width
        height: root.canvas.headerHeight
        radius: Theme.radiusM
        color: root.typeColor(root.type)
        Rectangle {   // square lower corners
            anchors.bottom: parent.bottom
            width: parent.width
            height: parent.radius
            color: parent.color
        }
        Label {
            anchors.left: parent.left
            anchors.leftMargin: Theme.spacingS
            anchors.right: badges.left
            anchors.verticalCenter: parent.verticalCenter
            text: root.typeName(root.type) + " · " + root.key
            color: Theme.textOnAccent
            font.pixelSize: Theme.fontCaption
            font.bold: true
            elide: Text.ElideRight
        }
        Row {
            id: badges
            anchors.right: parent.right
            anchors.rightMargin: Theme.spacingS
            anchors.verticalCenter: parent.verticalCenter
            spacing: Theme.spacingXs
            Label {
                visible: root.isStart
                text: qsTr("Start")
                color: Theme.textOnAccent
                font.pixelSize: Theme.fontSmall
            }
            Label {
                visible: root.isFallback
                text: qsTr("Fallback")
                color: Theme.textOnAccent
                font.pixelSize: Theme.fontSmall
            }
            Label {
                visible: root.hasErrors || root.hasWarnings
                text: "⚠"
                color: Theme.textOnAccent
                font.pixelSize: Theme.fontCaption
            }
        }
    }

    Label {
        x: Theme.spacingS
        y: root.canvas.headerHeight + Theme.spacingXs
        width: parent.width - 2 * Theme.spacingS
        height: root.canvas.bodyHeight - Theme.spacingS
        text: root.summary()
        color: root.summary().length > 0 ? Theme.text : Theme.textMuted
        font.pixelSize: Theme.fontCaption
        wrapMode: Text.Wrap
        maximumLineCount: 3
        elide: Text.ElideRight
    }

    // Drag to move (the selection with it); click to select, Shift+click to add or take away.
    MouseArea {
        objectName: "nodeDrag"
        width: parent.width
        height: root.canvas.headerHeight + root.canvas.bodyHeight
        cursorShape: Qt.OpenHandCursor
        property point last
        property bool moved: false
        onPressed: mouse => {
            root.canvas.forceActiveFocus()
            root.canvas.select(root.key, (mouse.modifiers & Qt.ShiftModifier) !== 0)
            last = mapToItem(root.canvas, mouse.x, mouse.y)
            moved = false
        }
        onPositionChanged: mouse => {
            if (root.canvas.readOnly)
                return
            moved = true
            const p = mapToItem(root.canvas, mouse.x, mouse.y)
            const keys = root.canvas.isSelected(root.key) ? root.canvas.selection : [root.key]
            root.canvas.document.moveNodesBy(keys, (p.x - last.x) / root.canvas.zoom, (p.y - last.y) / root.canvas.zoom)
            last = p
        }
        onReleased: mouse => {
            root.canvas.document.finishMove()
            // A click on one of several selected nodes (no drag, no Shift) keeps that one.
            if (!moved && (mouse.modifiers & Qt.ShiftModifier) === 0)
                root.canvas.selection = [root.key]
        }
    }

    // Ports
    Repeater {
        model: root.ports
        delegate: Item {
            id: port
            required property var modelData
            required property int index
            objectName: "port_" + root.key + "_" + index
            x: 0
            y: root.canvas.headerHeight + root.canvas.bodyHeight + index * root.canvas.portHeight
            width: root.width
            height: root.canvas.portHeight
            Rectangle {
                anchors.fill: parent
                anchors.leftMargin: 1
                anchors.rightMargin: 1
                color: port.modelData.hasError ? Theme.dangerSurface : "transparent"
            }
            Label {
                anchors.right: dot.left
                anchors.rightMargin: Theme.spacingS
                anchors.left: parent.left
                anchors.leftMargin: Theme.spacingS
                anchors.verticalCenter: parent.verticalCenter
                horizontalAlignment: Text.AlignRight
                text: port.modelData.label
                color: port.modelData.hasError ? Theme.danger : Theme.textMuted
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
            }
            Rectangle {
                id: dot
                anchors.right: parent.right
                anchors.rightMargin: -width / 2
                anchors.verticalCenter: parent.verticalCenter
                width: 12
                height: 12
                radius: 6
                color: port.modelData.connected ? Theme.accent : Theme.surface
                border.color: Theme.accent
                border.width: 2
            }
            // Drag from the dot onto a node to connect; onto nothing to disconnect.
            MouseArea {
                objectName: "portHandle"
                anchors.fill: dot
                anchors.margins: -6
                enabled: !root.canvas.readOnly
                cursorShape: Qt.CrossCursor
                preventStealing: true
                function planePoint(mouse) {
                    const v = mapToItem(root.canvas, mouse.x, mouse.y)
                    return root.canvas.toPlane(v.x, v.y)
                }
                property point start
                onPressed: mouse => {
                    const p = planePoint(mouse)
                    start = p
                    root.canvas.linking = { from: root.key, port: port.modelData.field, index: port.index, x: p.x, y: p.y }
                }
                onPositionChanged: mouse => {
                    if (!root.canvas.linking)
                        return
                    const p = planePoint(mouse)
                    root.canvas.linking = { from: root.key, port: port.modelData.field, index: port.index, x: p.x, y: p.y }
                }
                onReleased: mouse => {
                    const p = planePoint(mouse)
                    const target = root.canvas.nodeAt(p.x, p.y)
                    const from = root.key
                    const field = port.modelData.field
                    root.canvas.linking = null
                    if (target.length > 0 && target !== from)
                        root.canvas.document.connectPort(from, field, target)
                    else if (target.length === 0 && port.modelData.connected
                             && Math.abs(p.x - start.x) + Math.abs(p.y - start.y) > 20)
                        root.canvas.document.disconnectPort(from, field)
                }
            }
        }
    }
}
