import QtQuick
import QtQuick.Controls
import Conversa.Core

// The empty states' picture: a quiet speech bubble (drawn, so that no font needs an emoji).
Rectangle {
    implicitWidth: 64
    implicitHeight: 44
    radius: Theme.radiusL
    color: Theme.divider

    Rectangle {
        // The bubble's tail.
        width: 14
        height: 14
        rotation: 45
        x: 12
        y: parent.height - 9
        color: parent.color
    }
    Label {
        anchors.centerIn: parent
        text: "• • •"
        color: Theme.surface
        font.pixelSize: Theme.fontTitle
        font.bold: true
    }
}
