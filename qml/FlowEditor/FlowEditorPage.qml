import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core
import Conversa.FlowEditor

// The bot-flow editor (docs/BOT_FLOWS.md): the flows on the left (new, rename, delete), the open
// flow's canvas with its toolbar (save, publish, undo, redo, fit), palette and search (Ctrl+F) in
// the middle, the selected node's form or the simulator, and the flow's problems, on the right.
// F1 lists the shortcuts.
Page {
    id: root

    required property AppContext app
    readonly property FlowEditorController controller: ctl
    readonly property var document: ctl.document
    // Supervisors see the flows (bot_flows.read); administrators change them (bot_flows.manage).
    readonly property bool canManage: root.app.session.permissions.indexOf("bot_flows.manage") >= 0

    // Another flow (0: a new one named `name`), asking first when the open one has unsaved edits.
    function openFlow(id, name) {
        if (id === ctl.flowId)
            return
        if (root.document.modified) {
            discardDialog.ask(id, name)
            return
        }
        if (id > 0)
            ctl.open(id)
        else
            ctl.createFlow(name)
    }

    objectName: "flowEditorPage"

    FlowEditorController {
        id: ctl
        app: root.app
        onOpened: {
            canvas.selection = []
            fitLater.restart()
        }
    }
    FlowSimulator {
        id: sim
        controller: ctl
    }
    Timer {   // once the canvas has its size and nodes
        id: fitLater
        interval: 0
        onTriggered: canvas.fit()
    }
    Component.onCompleted: ctl.refresh()
    onVisibleChanged: {
        if (visible)
            ctl.refresh()
    }

    readonly property var nodeTypes: [
        { type: "message", text: qsTr("Message") },
        { type: "menu", text: qsTr("Menu") },
        { type: "input", text: qsTr("Question") },
        { type: "condition", text: qsTr("Condition") },
        { type: "set_variable", text: qsTr("Set variable") },
        { type: "http_request", text: qsTr("HTTP request") },
        { type: "tag", text: qsTr("Tag") },
        { type: "update_client", text: qsTr("Update client") },
        { type: "transfer", text: qsTr("Transfer") },
        { type: "delay", text: qsTr("Delay") },
        { type: "end", text: qsTr("End") }
    ]

    SplitView {
        anchors.fill: parent
        handle: Rectangle {
            implicitWidth: 1
            color: Theme.divider
        }

        // The flows.
        Rectangle {
            SplitView.preferredWidth: 230
            SplitView.minimumWidth: 180
            color: Theme.surface

            ColumnLayout {
                anchors.fill: parent
                spacing: 0
                RowLayout {
                    Layout.fillWidth: true
                    Layout.margins: Theme.spacingS
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Bot flows")
                        font.pixelSize: Theme.fontTitle
                        font.bold: true
                        color: Theme.text
                    }
                    Button {
                        objectName: "newFlowButton"
                        visible: root.canManage
                        text: qsTr("New")
                        onClicked: nameDialog.ask(0, "")
                    }
                }
                ListView {
                    id: flowList
                    objectName: "flowList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: ctl.flows
                    delegate: ItemDelegate {
                        id: flowRow
                        required property var modelData
                        width: ListView.view.width
                        highlighted: modelData.id === ctl.flowId
                        onClicked: root.openFlow(modelData.id, "")
                        contentItem: ColumnLayout {
                            spacing: 2
                            Label {
                                Layout.fillWidth: true
                                text: flowRow.modelData.name
                                color: flowRow.highlighted ? Theme.textOnAccent : Theme.text
                                elide: Text.ElideRight
                            }
                            Label {
                                Layout.fillWidth: true
                                opacity: 0.75
                                text: flowRow.modelData.is_published
                                      ? qsTr("Version %1").arg(flowRow.modelData.version)
                                        + (flowRow.modelData.has_unpublished_changes ? " · " + qsTr("unpublished changes") : "")
                                      : qsTr("Never published")
                                color: flowRow.highlighted ? Theme.textOnAccent : Theme.textMuted
                                font.pixelSize: Theme.fontSmall
                                elide: Text.ElideRight
                            }
                        }
                        TapHandler {
                            enabled: root.canManage
                            acceptedButtons: Qt.RightButton
                            onTapped: {
                                flowMenu.flow = flowRow.modelData
                                flowMenu.popup()
                            }
                        }
                    }
                    Menu {
                        id: flowMenu
                        property var flow: ({})
                        MenuItem {
                            text: qsTr("Rename…")
                            onTriggered: nameDialog.ask(flowMenu.flow.id, flowMenu.flow.name)
                        }
                        MenuItem {
                            text: qsTr("Delete…")
                            onTriggered: deleteDialog.ask(flowMenu.flow)
                        }
                    }
                }
            }
        }

        // The open flow.
        ColumnLayout {
            SplitView.fillWidth: true
            spacing: 0

            ToolBar {
                Layout.fillWidth: true
                background: Rectangle { color: Theme.surface }
                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: Theme.spacingS
                    spacing: Theme.spacingXs
                    Label {
                        objectName: "flowTitle"
                        Layout.fillWidth: true
                        text: ctl.flowId > 0
                              ? ctl.flowName + (root.document.modified ? " •" : "")
                                + "  " + (ctl.version > 0 ? qsTr("(version %1)").arg(ctl.version) : qsTr("(draft)"))
                              : qsTr("Open or create a flow")
                        font.pixelSize: Theme.fontTitle
                        color: Theme.text
                        elide: Text.ElideRight
                    }
                    ToolButton {
                        objectName: "undoButton"
                        focusPolicy: Qt.NoFocus   // the canvas keeps its keys
                        text: qsTr("Undo")
                        enabled: root.document.canUndo
                        onClicked: root.document.undo()
                        ToolTip.visible: hovered && root.document.undoText.length > 0
                        ToolTip.text: root.document.undoText
                    }
                    ToolButton {
                        objectName: "redoButton"
                        focusPolicy: Qt.NoFocus
                        text: qsTr("Redo")
                        enabled: root.document.canRedo
                        onClicked: root.document.redo()
                        ToolTip.visible: hovered && root.document.redoText.length > 0
                        ToolTip.text: root.document.redoText
                    }
                    ToolButton {
                        focusPolicy: Qt.NoFocus
                        text: qsTr("Fit")
                        enabled: ctl.flowId > 0
                        onClicked: canvas.fit()
                    }
                    ToolButton {
                        focusPolicy: Qt.NoFocus
                        text: qsTr("Arrange")
                        visible: root.canManage
                        enabled: ctl.flowId > 0
                        onClicked: {
                            root.document.autoLayout()
                            canvas.fit()
                        }
                    }
                    ToolButton {
                        objectName: "findButton"
                        focusPolicy: Qt.NoFocus
                        text: qsTr("Find")
                        enabled: ctl.flowId > 0
                        onClicked: searchBar.open()
                    }
                    ToolButton {
                        objectName: "helpButton"
                        focusPolicy: Qt.NoFocus
                        text: "?"
                        onClicked: shortcutsHelp.open()
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Keyboard shortcuts (F1)")
                    }
                    ToolButton {
                        objectName: "versionsButton"
                        focusPolicy: Qt.NoFocus
                        text: qsTr("Versions…")
                        visible: root.canManage
                        enabled: ctl.version > 0 && !ctl.busy
                        onClicked: {
                            ctl.loadVersions()
                            versionsDialog.open()
                        }
                    }
                    Button {
                        objectName: "saveButton"
                        focusPolicy: Qt.NoFocus
                        text: qsTr("Save")
                        visible: root.canManage
                        enabled: ctl.flowId > 0 && root.document.modified && !ctl.busy
                        onClicked: ctl.save()
                    }
                    Button {
                        objectName: "publishButton"
                        focusPolicy: Qt.NoFocus
                        text: qsTr("Publish")
                        highlighted: true
                        visible: root.canManage
                        enabled: ctl.flowId > 0 && !ctl.busy
                        onClicked: ctl.publish()
                    }
                }
            }

            // What the server said: a conflict (with a reload), an error, a notice.
            Rectangle {
                Layout.fillWidth: true
                implicitHeight: banner.implicitHeight + 2 * Theme.spacingS
                visible: ctl.conflictText.length > 0 || ctl.errorMessage.length > 0
                         || ctl.notice.length > 0
                color: ctl.conflictText.length > 0 ? Theme.warningSurface
                     : ctl.errorMessage.length > 0 ? Theme.dangerSurface : Theme.rowSelected
                RowLayout {
                    id: banner
                    anchors.fill: parent
                    anchors.margins: Theme.spacingS
                    Label {
                        objectName: "flowBanner"
                        Layout.fillWidth: true
                        text: ctl.conflictText.length > 0 ? ctl.conflictText
                            : ctl.errorMessage.length > 0 ? ctl.errorMessage : ctl.notice
                        color: ctl.conflictText.length > 0 ? Theme.warningText
                             : ctl.errorMessage.length > 0 ? Theme.danger : Theme.text
                        wrapMode: Text.Wrap
                    }
                    Button {
                        objectName: "reloadButton"
                        visible: ctl.conflictText.length > 0
                        text: qsTr("Reload (lose my changes)")
                        onClicked: ctl.reload()
                    }
                    ToolButton {
                        text: "✕"
                        onClicked: ctl.clearMessages()
                    }
                }
            }

            // The palette.
            Flow {
                Layout.fillWidth: true
                Layout.margins: Theme.spacingXs
                spacing: Theme.spacingXs
                visible: ctl.flowId > 0 && root.canManage
                Repeater {
                    model: root.nodeTypes
                    delegate: Button {
                        required property var modelData
                        objectName: "palette_" + modelData.type
                        text: "+ " + modelData.text
                        flat: true
                        focusPolicy: Qt.NoFocus
                        font.pixelSize: Theme.fontCaption
                        onClicked: canvas.addNode(modelData.type)
                    }
                }
            }

            FlowCanvas {
                id: canvas
                Layout.fillWidth: true
                Layout.fillHeight: true
                document: root.document
                readOnly: !root.canManage
                clipboardHost: ctl
                enabled: ctl.flowId > 0
                litNodes: sim.litNodes
                litEdges: sim.litEdges
                onHelpRequested: shortcutsHelp.open()
                onSearchRequested: searchBar.open()

                FlowSearchBar {
                    id: searchBar
                    anchors.top: parent.top
                    anchors.right: parent.right
                    anchors.margins: Theme.spacingS
                    document: root.document
                    canvas: canvas
                }
            }
        }

        // The selected node, and the problems.
        SplitView {
            orientation: Qt.Vertical
            SplitView.preferredWidth: 300
            SplitView.minimumWidth: 220

            // The selected node's form, or the simulator (administrators: it needs bot_flows.manage).
            ColumnLayout {
                SplitView.fillHeight: true
                spacing: 0
                TabBar {
                    id: sideTabs
                    Layout.fillWidth: true
                    visible: root.canManage
                    TabButton {
                        objectName: "inspectorTab"
                        text: qsTr("Node")
                        focusPolicy: Qt.NoFocus
                    }
                    TabButton {
                        objectName: "simulatorTab"
                        text: qsTr("Simulator")
                        focusPolicy: Qt.NoFocus
                    }
                }
                StackLayout {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    currentIndex: sideTabs.currentIndex
                    FlowInspector {
                        enabled: root.canManage
                        document: root.document
                        canvas: canvas
                        onSimulateRequested: key => {
                            sideTabs.currentIndex = 1
                            simulatorPanel.startAt(key)
                        }
                    }
                    FlowSimulatorPanel {
                        id: simulatorPanel
                        simulator: sim
                        canvas: canvas
                        enabled: ctl.flowId > 0
                    }
                }
            }
            ColumnLayout {
                SplitView.preferredHeight: 200
                spacing: 0
                Label {
                    Layout.margins: Theme.spacingS
                    text: qsTr("Problems: %1 errors, %2 warnings").arg(root.document.errorCount).arg(root.document.warningCount)
                    font.bold: true
                    color: root.document.errorCount > 0 ? Theme.danger : Theme.text
                }
                ListView {
                    objectName: "problemList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: root.document.problems
                    delegate: ItemDelegate {
                        required property var modelData
                        width: ListView.view.width
                        onClicked: {
                            if (modelData.nodeKey.length > 0) {
                                canvas.selection = [modelData.nodeKey]
                                canvas.centerOn(modelData.nodeKey)
                            }
                        }
                        contentItem: Label {
                            text: (modelData.nodeKey.length > 0 ? modelData.nodeKey + ": " : "") + modelData.message
                            color: modelData.severity === "error" ? Theme.danger : Theme.warningText
                            wrapMode: Text.Wrap
                            font.pixelSize: Theme.fontCaption
                        }
                    }
                }
            }
        }
    }

    // The frequent commands' keys while this page is shown (the canvas has its own, FlowCanvas).
    Shortcut {
        sequence: StandardKey.Find
        enabled: root.visible && ctl.flowId > 0
        onActivated: searchBar.open()
    }
    Shortcut {
        sequence: StandardKey.Save
        enabled: root.visible && root.canManage && ctl.flowId > 0 && !ctl.busy
        onActivated: ctl.save()
    }
    Shortcut {
        sequences: ["Ctrl+Return", "Ctrl+Enter"]
        enabled: root.visible && root.canManage && ctl.flowId > 0 && !ctl.busy
        onActivated: ctl.publish()
    }
    Shortcut {
        sequence: "F1"
        enabled: root.visible
        onActivated: shortcutsHelp.open()
    }
    FlowShortcutsHelp {
        id: shortcutsHelp
        anchors.centerIn: parent
    }

    // A new flow's name (flowId 0), or a flow's new name.
    Dialog {
        id: nameDialog
        objectName: "flowNameDialog"
        property var flowId: 0
        function ask(id, name) {
            flowId = id
            nameField.text = name
            open()
            nameField.forceActiveFocus()
        }
        anchors.centerIn: parent
        modal: true
        title: flowId ? qsTr("Rename the flow") : qsTr("New bot flow")
        standardButtons: Dialog.Ok | Dialog.Cancel
        TextField {
            id: nameField
            width: 300
            placeholderText: qsTr("Name")
        }
        onAccepted: {
            if (nameField.text.trim().length === 0)
                return
            if (flowId)
                ctl.renameFlow(flowId, nameField.text)
            else
                root.openFlow(0, nameField.text)
        }
    }
    Dialog {
        id: discardDialog
        objectName: "discardDialog"
        width: 400
        property var flowId: 0
        property string name
        function ask(id, n) {
            flowId = id
            name = n
            open()
        }
        anchors.centerIn: parent
        modal: true
        title: qsTr("Unsaved changes")
        standardButtons: Dialog.Discard | Dialog.Cancel
        Label {
            text: qsTr("The changes to “%1” are not saved. Discard them?").arg(ctl.flowName)
            wrapMode: Text.Wrap
            width: 300
        }
        onDiscarded: {
            close()
            root.document.markSaved()
            if (flowId > 0)
                ctl.open(flowId)
            else
                ctl.createFlow(name)
        }
    }
    // The published versions; one restored becomes the draft (publishing it again is a rollback).
    Dialog {
        id: versionsDialog
        objectName: "versionsDialog"
        anchors.centerIn: parent
        width: 420
        height: 360
        modal: true
        title: qsTr("Published versions")
        standardButtons: Dialog.Close
        ListView {
            anchors.fill: parent
            clip: true
            model: ctl.versions
            delegate: RowLayout {
                required property var modelData
                width: ListView.view.width
                Label {
                    Layout.fillWidth: true
                    text: qsTr("Version %1").arg(modelData.version) + " · "
                          + [(modelData.published_by || {}).first_name, (modelData.published_by || {}).last_name].join(" ").trim()
                          + " · " + new Date(modelData.published_at).toLocaleString(Qt.locale(root.app.language), Locale.ShortFormat)
                    elide: Text.ElideRight
                    color: Theme.text
                }
                Button {
                    objectName: "restoreVersion_" + modelData.version
                    text: qsTr("Restore")
                    onClicked: {
                        versionsDialog.close()
                        ctl.restoreVersion(modelData.version)
                    }
                }
            }
        }
    }
    Dialog {
        id: deleteDialog
        property var flow: ({})
        function ask(f) {
            flow = f
            open()
        }
        anchors.centerIn: parent
        modal: true
        title: qsTr("Delete the flow")
        standardButtons: Dialog.Ok | Dialog.Cancel
        Label {
            text: qsTr("Delete “%1”? Campaigns that use it must be changed first.").arg(deleteDialog.flow.name || "")
            wrapMode: Text.Wrap
            width: 300
        }
        onAccepted: ctl.deleteFlow(flow.id)
    }
}
