import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One chat in the inbox: client, last message, time, unread badge, status and campaign.
ItemDelegate {
    id: root

    required property int index
    required property var chatId
    required property string clientName
    required property string lastMessage
    required property bool lastMessageInbound
    required property date lastActivity
    required property int unreadCount
    required property string status
    required property string statusText
    required property string priority
    required property string campaignName
    property bool selected: false

    highlighted: root.selected
    implicitHeight: 64

    contentItem: RowLayout {
        spacing: 8
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            RowLayout {
                Layout.fillWidth: true
                Label {
                    Layout.fillWidth: true
                    text: root.clientName
                    font.bold: root.unreadCount > 0
                    elide: Text.ElideRight
                    color: root.highlighted ? root.palette.highlightedText : root.palette.text
                }
                Label {
                    text: Qt.formatDateTime(root.lastActivity, "hh:mm")
                    color: root.highlighted ? root.palette.highlightedText : "gray"
                    font.pixelSize: 11
                }
            }
            Label {
                Layout.fillWidth: true
                text: (root.lastMessageInbound || root.lastMessage.length === 0 ? "" : qsTr("You: ")) + root.lastMessage
                elide: Text.ElideRight
                color: root.highlighted ? root.palette.highlightedText : "#555"
            }
            Label {
                Layout.fillWidth: true
                text: root.campaignName + " · " + root.statusText + (root.priority === "urgent" ? " · " + qsTr("Urgent") : root.priority === "high" ? " · " + qsTr("High priority") : "")
                font.pixelSize: 11
                color: root.highlighted ? root.palette.highlightedText : root.priority === "urgent" ? "#b3261e" : "gray"
                elide: Text.ElideRight
            }
        }
        Rectangle {
            objectName: "unreadBadge"
            visible: root.unreadCount > 0
            radius: height / 2
            color: "#25d366"
            implicitHeight: 22
            implicitWidth: Math.max(22, badgeText.implicitWidth + 10)
            Label {
                id: badgeText
                anchors.centerIn: parent
                text: root.unreadCount
                color: "white"
                font.bold: true
            }
        }
    }
}
