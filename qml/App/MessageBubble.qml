import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One message: a bubble on the client's side or ours, with the delivery ticks of our messages
// (pending, sent, delivered, read; failed with the provider's error and a retry button; waiting
// while it sits in the outbox).
Item {
    id: root

    required property var messageId
    required property bool inbound
    required property string messageType
    required property string content
    required property string status
    required property string errorCode
    required property string errorMessage
    required property date createdAt
    required property string senderName
    required property string templateName
    property real maxBubbleWidth: width * 0.7

    signal retryRequested(var messageId)

    implicitHeight: bubble.height + 8

    function tick(status: string): string {
        switch (status) {
        case "pending": return "🕓"
        case "waiting": return "⏳"
        case "sent": return "✓"
        case "delivered": return "✓✓"
        case "read": return "✓✓"
        case "failed": return "⚠"
        }
        return ""
    }

    Rectangle {
        id: bubble
        objectName: "bubble"
        anchors.right: root.inbound ? undefined : parent.right
        anchors.left: root.inbound ? parent.left : undefined
        anchors.margins: 10
        y: 4
        width: Math.min(root.maxBubbleWidth, Math.max(body.implicitWidth, meta.implicitWidth) + 20)
        height: column.implicitHeight + 12
        radius: 8
        color: root.inbound ? "#ffffff" : (root.status === "failed" ? "#fde7e9" : "#dcf8c6")
        border.color: "#d0d0d0"

        ColumnLayout {
            id: column
            anchors.fill: parent
            anchors.margins: 6
            spacing: 2

            Label {
                visible: root.senderName.length > 0 && !root.inbound
                text: root.senderName
                font.pixelSize: 11
                color: "#075e54"
            }
            Label {
                id: body
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                text: root.messageType === "template"
                      ? qsTr("Template: %1").arg(root.templateName)
                      : (root.messageType !== "text" && root.content.length === 0 ? "[" + root.messageType + "]" : root.content)
            }
            RowLayout {
                id: meta
                Layout.alignment: Qt.AlignRight
                spacing: 4
                Label {
                    text: Qt.formatDateTime(root.createdAt, "hh:mm")
                    font.pixelSize: 10
                    color: "gray"
                }
                Label {
                    objectName: "tick"
                    visible: !root.inbound
                    text: root.tick(root.status)
                    font.pixelSize: 11
                    color: root.status === "read" ? "#34b7f1" : root.status === "failed" ? "#b3261e" : "gray"
                    ToolTip.visible: tickArea.containsMouse
                    ToolTip.text: root.status
                    MouseArea {
                        id: tickArea
                        anchors.fill: parent
                        hoverEnabled: true
                    }
                }
            }
            RowLayout {
                visible: root.status === "failed"
                Layout.fillWidth: true
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    font.pixelSize: 11
                    color: "#b3261e"
                    text: root.errorCode.length > 0 ? qsTr("Not delivered (%1): %2").arg(root.errorCode).arg(root.errorMessage)
                                                    : qsTr("Not delivered: %1").arg(root.errorMessage)
                }
                Button {
                    objectName: "retryButton"
                    visible: root.messageId > 0
                    text: qsTr("Retry")
                    onClicked: root.retryRequested(root.messageId)
                }
            }
        }
    }
}
