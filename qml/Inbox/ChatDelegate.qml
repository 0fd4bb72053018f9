import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core

// One chat in the inbox: the client's initials, name and time, the last message and the unread
// badge, then the status chip, the campaign and the priority.
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
    implicitHeight: 76
    leftPadding: Theme.spacingM
    rightPadding: Theme.spacingM

    background: Rectangle {
        color: root.selected ? Theme.rowSelected : root.hovered ? Theme.rowHover : Theme.surface
        Rectangle {
            // Only under the text, as in most messengers.
            x: Theme.spacingM + Theme.avatarSize + Theme.spacingM
            width: parent.width - x
            height: 1
            anchors.bottom: parent.bottom
            color: Theme.divider
        }
        Rectangle {
            visible: root.selected
            width: 3
            height: parent.height
            color: Theme.accent
        }
    }

    contentItem: RowLayout {
        spacing: Theme.spacingM

        Rectangle {
            objectName: "avatar"
            Layout.preferredWidth: Theme.avatarSize
            Layout.preferredHeight: Theme.avatarSize
            Layout.alignment: Qt.AlignVCenter
            radius: width / 2
            color: Theme.avatarColor(root.clientName)
            Label {
                objectName: "avatarInitials"
                anchors.centerIn: parent
                text: Theme.initials(root.clientName)
                color: Theme.textOnAccent
                font.pixelSize: Theme.fontTitle
                font.bold: true
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingS
                Label {
                    Layout.fillWidth: true
                    text: root.clientName
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    elide: Text.ElideRight
                    color: Theme.text
                }
                Label {
                    text: Theme.shortTime(root.lastActivity)
                    color: root.unreadCount > 0 ? Theme.unread : Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    font.bold: root.unreadCount > 0
                }
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingS
                Label {
                    Layout.fillWidth: true
                    text: (root.lastMessageInbound || root.lastMessage.length === 0 ? "" : qsTr("You: ")) + root.lastMessage
                    elide: Text.ElideRight
                    maximumLineCount: 1
                    font.pixelSize: Theme.fontCaption + 1
                    color: root.unreadCount > 0 ? Theme.text : Theme.textMuted
                }
                Rectangle {
                    objectName: "unreadBadge"
                    visible: root.unreadCount > 0
                    radius: height / 2
                    color: Theme.unread
                    implicitHeight: 20
                    implicitWidth: Math.max(20, badgeText.implicitWidth + 10)
                    Label {
                        id: badgeText
                        anchors.centerIn: parent
                        text: root.unreadCount > 99 ? "99+" : root.unreadCount
                        color: Theme.textOnAccent
                        font.pixelSize: Theme.fontSmall
                        font.bold: true
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingS
                Rectangle {
                    objectName: "statusChip"
                    implicitWidth: chipText.implicitWidth + 2 * Theme.spacingS
                    implicitHeight: chipText.implicitHeight + 2
                    radius: height / 2
                    readonly property color tone: Theme.chatStatusColor(root.status)
                    color: Qt.rgba(tone.r, tone.g, tone.b, 0.12)
                    border.color: Qt.rgba(tone.r, tone.g, tone.b, 0.5)
                    Label {
                        id: chipText
                        anchors.centerIn: parent
                        text: root.statusText
                        color: parent.tone
                        font.pixelSize: Theme.fontSmall - 1
                        font.bold: true
                    }
                }
                Label {
                    Layout.fillWidth: true
                    text: root.campaignName
                    font.pixelSize: Theme.fontSmall
                    color: Theme.textMuted
                    elide: Text.ElideRight
                }
                Label {
                    visible: root.priority === "urgent" || root.priority === "high"
                    text: root.priority === "urgent" ? qsTr("Urgent") : qsTr("High priority")
                    font.pixelSize: Theme.fontSmall
                    font.bold: true
                    color: Theme.priorityColor(root.priority)
                }
            }
        }
    }
}
