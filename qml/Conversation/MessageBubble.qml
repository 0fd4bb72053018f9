import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core

// One message: a white bubble on the client's side (left), a green one on ours (right), with the
// delivery ticks of our messages (◷ pending, ✓ sent, ✓✓ delivered, blue ✓✓ read; a red "!" with
// the provider's error and a retry button when failed; ◌ while it waits in the outbox).
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
        case "pending": return "◷"
        case "waiting": return "◌"
        case "sent": return "✓"
        case "delivered": return "✓✓"
        case "read": return "✓✓"
        case "failed": return "!"
        }
        return ""
    }

    function statusText(status: string): string {
        switch (status) {
        case "pending": return qsTr("Sending")
        case "waiting": return qsTr("Waiting for the connection")
        case "sent": return qsTr("Sent")
        case "delivered": return qsTr("Delivered")
        case "read": return qsTr("Read")
        case "failed": return qsTr("Not delivered")
        }
        return status
    }

    Rectangle {
        id: bubble
        objectName: "bubble"
        anchors.right: root.inbound ? undefined : parent.right
        anchors.left: root.inbound ? parent.left : undefined
        anchors.leftMargin: Theme.spacingL
        anchors.rightMargin: Theme.spacingL
        y: 3
        width: Math.min(root.maxBubbleWidth, Math.max(body.implicitWidth, meta.implicitWidth, sender.implicitWidth,
                                                      thumbnail.visible ? 240 : 0) + 2 * Theme.spacingS + 4)
        height: column.implicitHeight + 2 * Theme.spacingS - 2
        radius: Theme.radiusM
        color: root.inbound ? Theme.bubbleInbound : (root.status === "failed" ? Theme.bubbleFailed : Theme.bubbleOutbound)
        border.color: root.status === "failed" && !root.inbound ? Theme.danger : Theme.bubbleBorder

        ColumnLayout {
            id: column
            anchors.fill: parent
            anchors.margins: Theme.spacingS
            anchors.topMargin: Theme.spacingXs + 2
            anchors.bottomMargin: Theme.spacingXs + 2
            spacing: 2

            Label {
                id: sender
                visible: root.senderName.length > 0 && !root.inbound
                text: root.senderName
                font.pixelSize: Theme.fontSmall
                font.bold: true
                color: Theme.senderName
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
                font.pixelSize: Theme.fontBody
                color: Theme.text
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
                    font.pixelSize: Theme.fontSmall
                    color: Theme.textMuted
                }
                // A failed message's "!" sits in a red circle.
                Label {
                    objectName: "tick"
                    visible: !root.inbound
                    text: root.tick(root.status)
                    horizontalAlignment: Text.AlignHCenter
                    font.pixelSize: root.status === "failed" ? Theme.fontSmall : Theme.fontCaption
                    font.bold: root.status === "failed" || root.status === "read" || root.status === "delivered"
                    leftPadding: root.status === "failed" ? 5 : 0
                    rightPadding: leftPadding
                    color: root.status === "read" ? Theme.tickRead
                         : root.status === "failed" ? Theme.textOnAccent
                         : root.status === "waiting" ? Theme.warning : Theme.tick
                    background: Rectangle {
                        visible: root.status === "failed"
                        radius: height / 2
                        color: Theme.danger
                    }
                    ToolTip.visible: tickArea.containsMouse
                    ToolTip.text: root.statusText(root.status)
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
                    font.pixelSize: Theme.fontSmall
                    color: Theme.danger
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
