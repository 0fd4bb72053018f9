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
    required property var mediaFileId
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
            // An image: its thumbnail, full size on a click.
            Image {
                id: thumbnail
                objectName: "thumbnail"
                visible: root.messageType === "image" && root.mediaFileId > 0
                source: visible ? "image://conversa/thumbnail/" + root.mediaFileId : ""
                asynchronous: true
                fillMode: Image.PreserveAspectFit
                Layout.preferredWidth: 240
                Layout.preferredHeight: status === Image.Ready ? Math.min(240, 240 * implicitHeight / Math.max(1, implicitWidth)) : 120
                MouseArea {
                    anchors.fill: parent
                    cursorShape: Qt.PointingHandCursor
                    onClicked: fullSize.open()
                }
            }
            Label {
                id: body
                visible: text.length > 0
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                textFormat: Text.PlainText
                text: root.messageType === "template"
                      ? qsTr("Template: %1").arg(root.templateName)
                      : (root.messageType !== "text" && root.messageType !== "image" && root.content.length === 0
                         ? "[" + root.messageType + "]" : root.content)
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

    Popup {
        id: fullSize
        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        width: parent ? parent.width * 0.9 : 800
        height: parent ? parent.height * 0.9 : 600
        Image {
            anchors.fill: parent
            source: fullSize.opened ? "image://conversa/file/" + root.mediaFileId : ""
            asynchronous: true
            fillMode: Image.PreserveAspectFit
            MouseArea {
                anchors.fill: parent
                onClicked: fullSize.close()
            }
        }
    }
}
