import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core
import Conversa.FlowEditor

// The simulator (docs/BOT_FLOWS.md#simulation): the admin plays the customer. A session starts at
// the flow's start node or at the selected one, with starting variables, client fields and mocked
// http_request answers; the transcript reads like a chat, a menu's options are buttons, and the
// text field answers as the customer. The path taken lights up on the canvas (FlowSimulator's
// litNodes/litEdges); the final variables are listed below.
Pane {
    id: root

    required property FlowSimulator simulator
    required property var canvas   // FlowCanvas: the selected node
    readonly property string selectedKey: canvas.selection.length === 1 ? canvas.selection[0] : ""

    objectName: "flowSimulator"
    padding: Theme.spacingS

    // Starts a session at `key` ("" for the start node) with the setup's fields.
    function startAt(key: string) {
        root.simulator.start(key, variablesField.text, clientField.text, mocksField.text)
    }

    // One line for what happened, for the transcript.
    function describe(e: var): string {
        switch (e.type) {
        case "customer": return e.text || e.reply_id || ""
        case "message": return e.text || ""
        case "menu": return e.text || ""
        case "timeout": return qsTr("(no answer for %n second(s))", "", e.seconds || 0)
        case "tags": return qsTr("Tags added: %1").arg((e.chat_tags || []).concat(e.client_tags || []).join(", "))
        case "client_update": return qsTr("Client updated: %1").arg(Object.keys(e.fields || {}).join(", "))
        case "transfer": return qsTr("Transferred to %1").arg((e.target_type || "queue") + (e.target_id ? " #" + e.target_id : ""))
        case "close": return qsTr("Chat closed: %1").arg(e.close_reason || "")
        case "http_request": {
            const result = e.result === "mocked" ? qsTr("mocked answer %1").arg(e.status_code)
                         : e.result === "failed" ? qsTr("failed") : qsTr("skipped (no mocked answer)")
            return (e.method || "GET") + " " + (e.url || "") + " → " + result
        }
        case "delay": return qsTr("Waits %n second(s) (not here)", "", e.seconds || 0)
        case "end": return qsTr("The session ends: %1").arg(e.status || "")
        }
        return e.type
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacingXs

        RowLayout {
            Layout.fillWidth: true
            Button {
                objectName: "simulateFromStart"
                text: qsTr("From the start")
                highlighted: true
                enabled: !root.simulator.busy
                onClicked: root.startAt("")
            }
            Button {
                objectName: "simulateFromSelected"
                text: qsTr("From %1").arg(root.selectedKey || qsTr("the selected node"))
                enabled: root.selectedKey.length > 0 && !root.simulator.busy
                onClicked: root.startAt(root.selectedKey)
            }
            Item { Layout.fillWidth: true }
            ToolButton {
                objectName: "simulateReset"
                text: qsTr("Clear")
                enabled: root.simulator.status.length > 0
                onClicked: root.simulator.reset()
            }
        }

        // What the session starts with.
        CheckBox {
            id: setupToggle
            objectName: "simulatorSetupToggle"
            text: qsTr("Variables, client fields and mocked answers")
            font.pixelSize: Theme.fontCaption
        }
        GridLayout {
            Layout.fillWidth: true
            visible: setupToggle.checked
            columns: 1
            rowSpacing: 2
            Label {
                text: qsTr("Variables (one “name = value” a line)")
                font.pixelSize: Theme.fontCaption
                color: Theme.textMuted
            }
            TextArea {
                id: variablesField
                objectName: "simulatorVariables"
                Layout.fillWidth: true
                placeholderText: "order = 123"
                background: Rectangle { border.color: Theme.divider; radius: Theme.radiusS }
            }
            Label {
                text: qsTr("Client fields (first_name = Ana…)")
                font.pixelSize: Theme.fontCaption
                color: Theme.textMuted
            }
            TextArea {
                id: clientField
                objectName: "simulatorClient"
                Layout.fillWidth: true
                placeholderText: "first_name = Ana"
                background: Rectangle { border.color: Theme.divider; radius: Theme.radiusS }
            }
            Label {
                text: qsTr("HTTP answers by node key (JSON; {\"error\": true} fails)")
                font.pixelSize: Theme.fontCaption
                color: Theme.textMuted
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            TextArea {
                id: mocksField
                objectName: "simulatorMocks"
                Layout.fillWidth: true
                font.family: "monospace"
                placeholderText: "{\"lookup\": {\"state\": \"shipped\"}}"
                background: Rectangle { border.color: Theme.divider; radius: Theme.radiusS }
            }
        }

        // The conversation.
        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 120
            color: Theme.conversationBackground
            radius: Theme.radiusS
            ListView {
                id: transcript
                objectName: "simulatorTranscript"
                anchors.fill: parent
                anchors.margins: Theme.spacingXs
                clip: true
                spacing: Theme.spacingXs
                model: root.simulator.transcript
                onCountChanged: positionViewAtEnd()
                delegate: Item {
                    id: entry
                    required property var modelData
                    readonly property bool customer: modelData.type === "customer" || modelData.type === "timeout"
                    readonly property bool said: customer || modelData.type === "message" || modelData.type === "menu"
                    width: ListView.view.width
                    height: bubble.height
                    Rectangle {
                        id: bubble
                        anchors.right: entry.customer ? parent.right : undefined
                        anchors.horizontalCenter: entry.said ? undefined : parent.horizontalCenter
                        width: Math.min(entry.width * 0.85, line.implicitWidth + 2 * Theme.spacingS)
                        height: line.implicitHeight + 2 * Theme.spacingXs
                        radius: Theme.radiusS
                        color: entry.customer ? Theme.bubbleOutbound : entry.said ? Theme.bubbleInbound : "transparent"
                        Label {
                            id: line
                            anchors.fill: parent
                            anchors.leftMargin: Theme.spacingS
                            anchors.rightMargin: Theme.spacingS
                            anchors.topMargin: Theme.spacingXs
                            text: root.describe(entry.modelData)
                            wrapMode: Text.Wrap
                            color: entry.said ? Theme.text : Theme.textMuted
                            font.pixelSize: entry.said ? Theme.fontBody : Theme.fontCaption
                            font.italic: !entry.said
                        }
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.spacingM
                visible: transcript.count === 0
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                text: qsTr("Start a session to talk to the flow as a customer")
                color: Theme.textMuted
            }
        }

        // A menu's options as buttons.
        Flow {
            Layout.fillWidth: true
            spacing: Theme.spacingXs
            visible: root.simulator.choices.length > 0
            Repeater {
                model: root.simulator.choices
                delegate: Button {
                    required property var modelData
                    required property int index
                    objectName: "simulatorChoice_" + index
                    text: modelData.label
                    enabled: !root.simulator.busy
                    onClicked: root.simulator.choose(modelData.replyId, modelData.label)
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            enabled: root.simulator.waiting && !root.simulator.busy
            TextField {
                id: answer
                objectName: "simulatorAnswer"
                Layout.fillWidth: true
                placeholderText: qsTr("Answer as the customer")
                onAccepted: send.clicked()
            }
            Button {
                id: send
                objectName: "simulatorSend"
                text: qsTr("Send")
                enabled: answer.text.trim().length > 0
                onClicked: {
                    root.simulator.say(answer.text)
                    answer.clear()
                }
            }
            ToolButton {
                objectName: "simulatorSilence"
                text: qsTr("No reply")
                onClicked: root.simulator.stayQuiet()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Stay silent past the flow's timeout")
            }
        }

        Label {
            objectName: "simulatorStatus"
            Layout.fillWidth: true
            visible: text.length > 0
            text: root.simulator.errorMessage.length > 0 ? root.simulator.errorMessage : root.simulator.statusText
            color: root.simulator.errorMessage.length > 0 ? Theme.danger : Theme.text
            font.bold: true
            wrapMode: Text.Wrap
        }
        Repeater {
            model: root.simulator.warnings
            delegate: Label {
                required property var modelData
                Layout.fillWidth: true
                text: modelData.field + ": " + modelData.message
                color: Theme.warningText
                font.pixelSize: Theme.fontCaption
                wrapMode: Text.Wrap
            }
        }
        Label {
            objectName: "simulatorVariablesOut"
            Layout.fillWidth: true
            visible: root.simulator.status.length > 0
            text: qsTr("Variables: %1").arg(Object.keys(root.simulator.variables).map(
                    k => k + " = " + JSON.stringify(root.simulator.variables[k])).join(", ") || qsTr("none"))
            color: Theme.textMuted
            font.pixelSize: Theme.fontCaption
            wrapMode: Text.Wrap
        }
    }
}
