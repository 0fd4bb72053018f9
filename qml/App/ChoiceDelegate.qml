import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.App

// A row of a transfer or assignment picker: a campaign's name, or an agent's status dot, name and
// load (open chats of the limit), so that the least busy available agent is easy to find.
ItemDelegate {
    id: root

    required property var modelData
    required property int index
    property int highlightedIndex: -1
    readonly property bool isAgent: root.modelData.status !== undefined

    highlighted: root.highlightedIndex === root.index
    contentItem: RowLayout {
        spacing: Theme.spacingS
        Rectangle {
            visible: root.isAgent
            implicitWidth: 10
            implicitHeight: 10
            radius: 5
            color: Theme.agentStatusColor(root.modelData.status || "")
        }
        Label {
            Layout.fillWidth: true
            text: root.modelData.name
            elide: Text.ElideRight
        }
        Label {
            visible: root.isAgent
            text: root.isAgent ? qsTr("%1 of %2 chats").arg(root.modelData.openChats).arg(root.modelData.maxChats) : ""
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
        }
    }
}
