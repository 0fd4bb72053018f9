import QtQuick
import QtQuick.Controls
import Conversa.Core

// The flow drawn: nodes (FlowNodeItem) on a plane that pans and zooms, and every edge drawn by one
// Canvas from the edge model, a curve from the port to the node it leads to. Mouse: drag the empty
// plane to pan, Shift+drag for a rubber band, wheel to scroll, Ctrl+wheel to zoom around the
// cursor; drag a node to move it, drag from a port onto a node to connect them. Keys: arrows pan,
// F fits the flow, Delete removes, Ctrl+Z / Ctrl+Y undo and redo, Ctrl+D duplicates, Ctrl+C /
// Ctrl+V copy and paste; Ctrl+F and ? are the page's (search, shortcuts). A simulation's path is
// drawn lit (litNodes, litEdges).
FocusScope {
    id: root

    required property var document   // FlowDocument
    property var selection: []       // node keys
    property real zoom: 1
    property real panX: 40
    property real panY: 40
    // A connection being dragged from a port: {from, port, x, y} (plane coordinates), else null.
    property var linking: null
    // Where copied nodes go: an object with setClipboardText(text) and clipboardText() (the
    // controller: the system clipboard), else kept here.
    property var clipboardHost: null
    property string clipboard: ""
    function writeClipboard(text: string) {
        if (clipboardHost)
            clipboardHost.setClipboardText(text)
        else
            clipboard = text
    }
    function readClipboard(): string {
        return clipboardHost ? clipboardHost.clipboardText() : clipboard
    }
    property bool readOnly: false   // seen, not changed (no bot_flows.manage)
    // The path a simulation took (FlowSimulator's litNodes and litEdges), drawn lit.
    property var litNodes: []
    property var litEdges: []
    readonly property color pathColor: Theme.tickRead
    readonly property color pathSurface: Theme.daySeparator
    function isLitEdge(from: string, field: string): bool {
        return litEdges.some(e => e.from === from && e.field === field)
    }

    // Keys the page answers: ? for the shortcuts' list, Ctrl+F for the search.
    signal helpRequested()
    signal searchRequested()

    readonly property real minZoom: 0.2
    readonly property real maxZoom: 2.5

    objectName: "flowCanvas"
    clip: true
    activeFocusOnTab: true

    // The node geometry the canvas and FlowNodeItem share.
    readonly property int nodeWidth: 220
    readonly property int headerHeight: 28
    readonly property int bodyHeight: 52
    readonly property int portHeight: 22
    function nodeHeight(portCount: int): real {
        return headerHeight + bodyHeight + portCount * portHeight + 6
    }
    function portPoint(node, index) {
        return Qt.point(node.x + nodeWidth, node.y + headerHeight + bodyHeight + index * portHeight + portHeight / 2)
    }

    function toPlane(vx, vy) {
        return Qt.point((vx - panX) / zoom, (vy - panY) / zoom)
    }
    function isSelected(key: string): bool {
        return selection.indexOf(key) >= 0
    }
    function select(key: string, add: bool) {
        if (add) {
            const s = selection.slice()
            const i = s.indexOf(key)
            if (i >= 0)
                s.splice(i, 1)
            else
                s.push(key)
            selection = s
        } else if (!isSelected(key)) {
            selection = [key]
        }
    }
    // The node under a plane point, "" when none.
    function nodeAt(px: real, py: real): string {
        const nodes = root.document.nodes
        for (let i = nodes.rowCount() - 1; i >= 0; --i) {
            const n = nodes.get(i)
            if (px >= n.x && px <= n.x + nodeWidth && py >= n.y && py <= n.y + nodeHeight(n.ports.length))
                return n.key
        }
        return ""
    }
    function centerOn(key: string) {
        const row = root.document.nodes.rowOf(key)
        if (row < 0)
            return
        const n = root.document.nodes.get(row)
        panX = width / 2 - (n.x + nodeWidth / 2) * zoom
        panY = height / 2 - (n.y + nodeHeight(n.ports.length) / 2) * zoom
    }
    // A node brought to the middle of the view at a zoom where it reads well: a search's match.
    function zoomTo(key: string) {
        zoom = Math.max(1, zoom)
        centerOn(key)
    }
    function zoomAt(factor: real, vx: real, vy: real) {
        const z = Math.max(minZoom, Math.min(maxZoom, zoom * factor))
        const p = toPlane(vx, vy)
        zoom = z
        panX = vx - p.x * z
        panY = vy - p.y * z
    }
    function fit() {
        const nodes = root.document.nodes
        if (nodes.rowCount() === 0 || width <= 0 || height <= 0)
            return
        let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity
        for (let i = 0; i < nodes.rowCount(); ++i) {
            const n = nodes.get(i)
            x0 = Math.min(x0, n.x)
            y0 = Math.min(y0, n.y)
            x1 = Math.max(x1, n.x + nodeWidth)
            y1 = Math.max(y1, n.y + nodeHeight(n.ports.length))
        }
        const margin = 40
        zoom = Math.max(minZoom, Math.min(1.5, Math.min((width - 2 * margin) / (x1 - x0), (height - 2 * margin) / (y1 - y0))))
        panX = (width - (x1 - x0) * zoom) / 2 - x0 * zoom
        panY = (height - (y1 - y0) * zoom) / 2 - y0 * zoom
    }
    // Where a new node goes: the middle of the view, a little off each time.
    property int placed: 0
    function addNode(type: string): string {
        if (readOnly)
            return ""
        const p = toPlane(width / 2, height / 2)
        const off = (placed++ % 5) * 24
        const key = root.document.addNode(type, Math.round(p.x - nodeWidth / 2 + off), Math.round(p.y - 40 + off))
        if (key.length > 0) {
            selection = [key]
            root.forceActiveFocus()
        }
        return key
    }
    function removeSelected() {
        if (selection.length === 0 || readOnly)
            return
        root.document.removeNodes(selection)
        selection = []
    }
    function copySelected() {
        if (selection.length > 0)
            writeClipboard(root.document.copyNodes(selection))
    }
    function pasteClipboard() {
        const text = readClipboard()
        if (text.length > 0 && !readOnly) {
            const keys = root.document.paste(text, 40, 40)
            if (keys.length > 0)
                selection = keys
        }
    }
    function duplicateSelected() {
        if (selection.length === 0 || readOnly)
            return
        const keys = root.document.paste(root.document.copyNodes(selection), 40, 40)
        if (keys.length > 0)
            selection = keys
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.window
    }

    // The empty plane: pan, rubber band, clear the selection.
    MouseArea {
        id: plane
        objectName: "canvasPlane"
        anchors.fill: parent
        acceptedButtons: Qt.LeftButton
        property point last
        property point origin
        property bool banding: false
        onPressed: mouse => {
            root.forceActiveFocus()
            last = Qt.point(mouse.x, mouse.y)
            origin = last
            banding = (mouse.modifiers & Qt.ShiftModifier) !== 0
            if (!banding)
                root.selection = []
        }
        onPositionChanged: mouse => {
            if (banding) {
                band.x = Math.min(origin.x, mouse.x)
                band.y = Math.min(origin.y, mouse.y)
                band.width = Math.abs(mouse.x - origin.x)
                band.height = Math.abs(mouse.y - origin.y)
                band.visible = true
                return
            }
            root.panX += mouse.x - last.x
            root.panY += mouse.y - last.y
            last = Qt.point(mouse.x, mouse.y)
        }
        onReleased: {
            if (band.visible) {
                const a = root.toPlane(band.x, band.y)
                const b = root.toPlane(band.x + band.width, band.y + band.height)
                const nodes = root.document.nodes
                const s = root.selection.slice()
                for (let i = 0; i < nodes.rowCount(); ++i) {
                    const n = nodes.get(i)
                    if (n.x >= a.x && n.y >= a.y && n.x + root.nodeWidth <= b.x && n.y <= b.y && s.indexOf(n.key) < 0)
                        s.push(n.key)
                }
                root.selection = s
            }
            band.visible = false
            banding = false
        }
        onWheel: wheel => {
            if (wheel.modifiers & Qt.ControlModifier) {
                root.zoomAt(wheel.angleDelta.y > 0 ? 1.15 : 1 / 1.15, wheel.x, wheel.y)
            } else {
                root.panX += wheel.angleDelta.x / 2
                root.panY += wheel.angleDelta.y / 2
            }
        }
    }

    // Every edge, and the connection being dragged, in one item.
    Canvas {
        id: edges
        objectName: "edgeCanvas"
        anchors.fill: parent
        renderStrategy: Canvas.Cooperative
        onPaint: {
            const ctx = getContext("2d")
            ctx.reset()
            ctx.setTransform(root.zoom, 0, 0, root.zoom, root.panX, root.panY)
            ctx.lineWidth = 2
            const nodes = root.document.nodes
            const model = root.document.edges
            for (let i = 0; i < model.rowCount(); ++i) {
                const e = model.get(i)
                const from = nodes.get(nodes.rowOf(e.from))
                const to = nodes.get(nodes.rowOf(e.to))
                if (from.key === undefined || to.key === undefined)
                    continue
                const a = root.portPoint(from, e.portIndex)
                const b = Qt.point(to.x, to.y + root.headerHeight / 2)
                const selected = root.isSelected(e.from) || root.isSelected(e.to)
                const lit = root.litEdges.length > 0 && root.isLitEdge(e.from, e.port)
                ctx.lineWidth = lit ? 4 : 2
                ctx.strokeStyle = String(lit ? root.pathColor : selected ? Theme.accent : Theme.tick)
                curve(ctx, a, b)
            }
            if (root.linking) {
                const n = nodes.get(nodes.rowOf(root.linking.from))
                if (n.key !== undefined) {
                    ctx.strokeStyle = String(Theme.accent)
                    curve(ctx, root.portPoint(n, root.linking.index), Qt.point(root.linking.x, root.linking.y))
                }
            }
        }
        function curve(ctx, a, b) {
            const dx = Math.max(40, Math.abs(b.x - a.x) / 2)
            ctx.beginPath()
            ctx.moveTo(a.x, a.y)
            ctx.bezierCurveTo(a.x + dx, a.y, b.x - dx, b.y, b.x, b.y)
            ctx.stroke()
            // The arrow's head at the node.
            ctx.beginPath()
            ctx.moveTo(b.x, b.y)
            ctx.lineTo(b.x - 8, b.y - 4)
            ctx.lineTo(b.x - 8, b.y + 4)
            ctx.closePath()
            ctx.fillStyle = ctx.strokeStyle
            ctx.fill()
        }
    }
    // Repainted once per frame at most, whatever changed.
    Timer {
        id: repaint
        interval: 0
        onTriggered: edges.requestPaint()
    }
    function requestPaint() {
        repaint.restart()
    }
    onZoomChanged: requestPaint()
    onPanXChanged: requestPaint()
    onPanYChanged: requestPaint()
    onSelectionChanged: requestPaint()
    onLinkingChanged: requestPaint()
    onLitEdgesChanged: requestPaint()
    onWidthChanged: requestPaint()
    onHeightChanged: requestPaint()
    Connections {
        target: root.document.nodes
        function onDataChanged() { root.requestPaint() }
        function onRowsInserted() { root.requestPaint() }
        function onRowsRemoved() { root.requestPaint() }
        function onModelReset() { root.requestPaint() }
    }
    Connections {
        target: root.document.edges
        function onDataChanged() { root.requestPaint() }
        function onRowsInserted() { root.requestPaint() }
        function onRowsRemoved() { root.requestPaint() }
        function onModelReset() { root.requestPaint() }
    }

    // The nodes on the plane, which pans and zooms.
    Item {
        id: planeItems
        x: root.panX
        y: root.panY
        scale: root.zoom
        transformOrigin: Item.TopLeft

        Repeater {
            id: nodeRepeater
            model: root.document.nodes
            // Every node has its place; only those near the view are built (a flow may hold far
            // more than is seen).
            delegate: Item {
                id: slot
                required property var model
                required property string key
                required property string type
                required property var config
                required property var ports
                required property bool isStart
                required property bool isFallback
                required property bool hasErrors
                required property bool hasWarnings
                readonly property bool near: x * root.zoom + root.panX < root.width + 100
                                             && (x + width) * root.zoom + root.panX > -100
                                             && y * root.zoom + root.panY < root.height + 100
                                             && (y + height) * root.zoom + root.panY > -100

                objectName: "node_" + key
                x: model.x
                y: model.y
                width: root.nodeWidth
                height: root.nodeHeight(ports.length)

                Loader {
                    // A selected node stays built: it may be dragged out of the view.
                    active: slot.near || root.selection.indexOf(slot.key) >= 0
                    sourceComponent: FlowNodeItem {
                        canvas: root
                        key: slot.key
                        type: slot.type
                        config: slot.config
                        ports: slot.ports
                        isStart: slot.isStart
                        isFallback: slot.isFallback
                        hasErrors: slot.hasErrors
                        hasWarnings: slot.hasWarnings
                        lit: root.litNodes.indexOf(slot.key) >= 0
                    }
                }
            }
        }
    }

    Rectangle {
        id: band
        visible: false
        color: "transparent"
        border.color: Theme.accent
        border.width: 1
    }

    Label {
        anchors.centerIn: parent
        visible: nodeRepeater.count === 0
        text: qsTr("Add a node from the palette to begin")
        color: Theme.textMuted
    }

    Keys.onPressed: event => {
        const step = 40
        const ctrl = (event.modifiers & Qt.ControlModifier) !== 0
        if (event.key === Qt.Key_Left) {
            root.panX += step
        } else if (event.key === Qt.Key_Right) {
            root.panX -= step
        } else if (event.key === Qt.Key_Up) {
            root.panY += step
        } else if (event.key === Qt.Key_Down) {
            root.panY -= step
        } else if (event.key === Qt.Key_F && ctrl) {
            root.searchRequested()
        } else if (event.key === Qt.Key_F) {
            root.fit()
        } else if (event.key === Qt.Key_Question) {
            root.helpRequested()
        } else if (event.key === Qt.Key_Delete || event.key === Qt.Key_Backspace) {
            root.removeSelected()
        } else if (root.readOnly && ctrl && (event.key === Qt.Key_Z || event.key === Qt.Key_Y)) {
            // nothing to undo
        } else if (ctrl && event.key === Qt.Key_Z && (event.modifiers & Qt.ShiftModifier)) {
            root.document.redo()
        } else if (ctrl && event.key === Qt.Key_Z) {
            root.document.undo()
        } else if (ctrl && event.key === Qt.Key_Y) {
            root.document.redo()
        } else if (ctrl && event.key === Qt.Key_D) {
            root.duplicateSelected()
        } else if (ctrl && event.key === Qt.Key_C) {
            root.copySelected()
        } else if (ctrl && event.key === Qt.Key_V) {
            root.pasteClipboard()
        } else if (ctrl && event.key === Qt.Key_A) {
            const all = []
            for (let i = 0; i < root.document.nodes.rowCount(); ++i)
                all.push(root.document.nodes.get(i).key)
            root.selection = all
        } else {
            return
        }
        event.accepted = true
    }
}
