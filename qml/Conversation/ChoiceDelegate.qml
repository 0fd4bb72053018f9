import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core

// A row of a transfer or assignment picker: a campaign's name, or an agent's status dot, name and
// load (open chats of the limit), so that the least busy available agent is easy to find.
ItemDelegate {
    id: root

    required property string name
    required property bool isAgent
    required property string status
    required property int openChats
    required property int maxChats
    required property int index
    property int highlightedIndex: -1

    highlighted: root.highlightedIndex === root.index
    contentItem: RowLayout {
        spacing: Theme.spacingS
        Rectangle {
            visible: root.isAgent
            implicitWidth: 10
            implicitHeight: 10
            radius: 5
            color: Theme.agentStatusColor(root.status)
        }
        Label {
            Layout.fillWidth: true
            text: root.name
            elide: Text.ElideRight
        }
        Label {
            visible: root.isAgent
            text: root.isAgent ? qsTr("%1 of %2 chats").arg(root.openChats).arg(root.maxChats) : ""
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
        }
    }
}
