import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core

// Search by node key or text (Ctrl+F): the matches (FlowDocument::search, keys first) are stepped
// through with Enter / Shift+Enter or the arrows, each selected and zoomed to on the canvas; Escape
// closes the bar and gives the keys back to the canvas.
Rectangle {
    id: root

    required property var document   // FlowDocument
    required property var canvas     // FlowCanvas
    property var matches: []
    property int current: -1

    function open() {
        visible = true
        field.forceActiveFocus()
        field.selectAll()
    }
    function close() {
        visible = false
        root.canvas.forceActiveFocus()
    }
    function show(index: int) {
        if (matches.length === 0) {
            current = -1
            return
        }
        current = (index + matches.length) % matches.length
        root.canvas.selection = [matches[current]]
        root.canvas.zoomTo(matches[current])
    }
    function find(text: string) {
        matches = root.document.search(text)
        show(0)
    }

    objectName: "flowSearchBar"
    visible: false
    width: row.implicitWidth + 2 * Theme.spacingS
    height: row.implicitHeight + 2 * Theme.spacingXs
    radius: Theme.radiusM
    color: Theme.surface
    border.color: Theme.divider

    RowLayout {
        id: row
        anchors.centerIn: parent
        TextField {
            id: field
            objectName: "flowSearchField"
            Layout.preferredWidth: 220
            placeholderText: qsTr("Find a node by key or text")
            onTextEdited: root.find(text)
            Keys.onReturnPressed: event => root.show(root.current + ((event.modifiers & Qt.ShiftModifier) ? -1 : 1))
            Keys.onEnterPressed: event => root.show(root.current + ((event.modifiers & Qt.ShiftModifier) ? -1 : 1))
            Keys.onEscapePressed: root.close()
        }
        Label {
            objectName: "flowSearchCount"
            text: field.text.trim().length === 0 ? "" : root.matches.length === 0 ? qsTr("No match")
                                                                                  : qsTr("%1 of %2").arg(root.current + 1).arg(root.matches.length)
            color: root.matches.length === 0 ? Theme.danger : Theme.textMuted
            font.pixelSize: Theme.fontCaption
        }
        ToolButton {
            text: "↑"
            enabled: root.matches.length > 1
            focusPolicy: Qt.NoFocus
            onClicked: root.show(root.current - 1)
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Previous (Shift+Enter)")
        }
        ToolButton {
            text: "↓"
            enabled: root.matches.length > 1
            focusPolicy: Qt.NoFocus
            onClicked: root.show(root.current + 1)
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Next (Enter)")
        }
        ToolButton {
            text: "✕"
            focusPolicy: Qt.NoFocus
            onClicked: root.close()
        }
    }
}
