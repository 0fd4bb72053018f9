import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core

// The flow editor's keyboard shortcuts, listed (F1, or ? on the canvas).
Popup {
    id: root

    objectName: "flowShortcutsHelp"
    modal: true
    focus: true
    padding: Theme.spacingL

    readonly property var shortcuts: [
        { keys: "Ctrl+F", what: qsTr("Find a node by key or text") },
        { keys: "F", what: qsTr("Fit the flow in the view") },
        { keys: qsTr("Arrows, drag, wheel"), what: qsTr("Pan") },
        { keys: qsTr("Ctrl+wheel"), what: qsTr("Zoom around the cursor") },
        { keys: qsTr("Shift+drag"), what: qsTr("Select with a rubber band") },
        { keys: qsTr("Shift+click"), what: qsTr("Add to the selection") },
        { keys: "Ctrl+A", what: qsTr("Select every node") },
        { keys: qsTr("Delete"), what: qsTr("Delete the selected nodes") },
        { keys: "Ctrl+C / Ctrl+V", what: qsTr("Copy and paste nodes (between flows too)") },
        { keys: "Ctrl+D", what: qsTr("Duplicate the selected nodes") },
        { keys: "Ctrl+Z", what: qsTr("Undo") },
        { keys: "Ctrl+Y, Ctrl+Shift+Z", what: qsTr("Redo") },
        { keys: "Ctrl+S", what: qsTr("Save the draft") },
        { keys: "Ctrl+Enter", what: qsTr("Publish") },
        { keys: "F1, ?", what: qsTr("This list") }
    ]

    ColumnLayout {
        spacing: Theme.spacingS
        Label {
            text: qsTr("Keyboard shortcuts")
            font.pixelSize: Theme.fontTitle
            font.bold: true
            color: Theme.text
        }
        GridLayout {
            columns: 2
            columnSpacing: Theme.spacingL
            rowSpacing: Theme.spacingXs
            Repeater {
                model: root.shortcuts
                delegate: Label {
                    required property var modelData
                    required property int index
                    Layout.row: index
                    Layout.column: 0
                    text: modelData.keys
                    font.bold: true
                    color: Theme.text
                }
            }
            Repeater {
                model: root.shortcuts
                delegate: Label {
                    required property var modelData
                    required property int index
                    Layout.row: index
                    Layout.column: 1
                    text: modelData.what
                    color: Theme.text
                }
            }
        }
        Button {
            Layout.alignment: Qt.AlignRight
            text: qsTr("Close")
            onClicked: root.close()
        }
    }
}
