import QtQuick
import QtQuick.Controls
import Conversa.Core

// "Are you sure?" before what cannot be undone; `confirmed` on Yes. No is the default button.
Dialog {
    id: root

    property string message

    signal confirmed()

    modal: true
    width: 420
    anchors.centerIn: parent
    onAccepted: root.confirmed()
    onOpened: noButton.forceActiveFocus()

    Label {
        objectName: "confirmMessage"
        width: root.availableWidth
        text: root.message
        wrapMode: Text.Wrap
    }
    footer: DialogButtonBox {
        Button {
            objectName: "confirmYes"
            text: qsTr("Yes")
            palette.buttonText: Theme.danger
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
        Button {
            id: noButton
            objectName: "confirmNo"
            text: qsTr("No")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
}
