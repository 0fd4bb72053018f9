import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core

// The account: change the password, and turn two-factor authentication on (QR code, secret and
// backup codes, then a code to confirm).
Dialog {
    id: root

    required property SessionController session

    function openAt(page: int): void {
        bar.currentIndex = page
        root.open()
    }

    modal: true
    title: qsTr("Account")
    standardButtons: Dialog.Close
    width: 460

    ColumnLayout {
        anchors.fill: parent
        TabBar {
            id: bar
            Layout.fillWidth: true
            TabButton { text: qsTr("Password") }
            TabButton { text: qsTr("Two-factor") }
        }
        StackLayout {
            Layout.fillWidth: true
            currentIndex: bar.currentIndex

            ColumnLayout {
                TextField { id: current; Layout.fillWidth: true; echoMode: TextInput.Password; placeholderText: qsTr("Current password") }
                TextField { id: next; Layout.fillWidth: true; echoMode: TextInput.Password; placeholderText: qsTr("New password (at least 8 characters)") }
                Button {
                    text: qsTr("Change password")
                    enabled: !root.session.busy
                    onClicked: root.session.changePassword(current.text, next.text)
                }
            }
            ColumnLayout {
                Label {
                    visible: root.session.twoFactorEnabled
                    text: qsTr("Two-factor authentication is on.")
                }
                RowLayout {
                    visible: !root.session.twoFactorEnabled && root.session.twoFactorQrCode.length === 0
                    TextField {
                        id: twoFactorPassword
                        objectName: "twoFactorPassword"
                        Layout.fillWidth: true
                        echoMode: TextInput.Password
                        placeholderText: qsTr("Current password")
                    }
                    Button {
                        text: qsTr("Turn on two-factor authentication")
                        enabled: !root.session.busy && twoFactorPassword.text.length > 0
                        onClicked: root.session.beginTwoFactorSetup(twoFactorPassword.text)
                    }
                }
                Image {
                    objectName: "qrImage"
                    visible: root.session.twoFactorQrCode.length > 0 && !root.session.twoFactorEnabled
                    source: root.session.twoFactorQrCode
                    Layout.preferredWidth: 200
                    Layout.preferredHeight: 200
                    fillMode: Image.PreserveAspectFit
                    smooth: false
                }
                Label {
                    visible: root.session.twoFactorSecret.length > 0 && !root.session.twoFactorEnabled
                    text: qsTr("Scan it with your authenticator app, or enter the key %1").arg(root.session.twoFactorSecret)
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Label {
                    visible: root.session.twoFactorBackupCodes.length > 0
                    text: qsTr("Backup codes (each works once): %1").arg(root.session.twoFactorBackupCodes.join("  "))
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                RowLayout {
                    visible: root.session.twoFactorQrCode.length > 0 && !root.session.twoFactorEnabled
                    TextField { id: confirmCode; placeholderText: qsTr("Code from the app") }
                    Button {
                        text: qsTr("Confirm")
                        onClicked: root.session.confirmTwoFactorSetup(confirmCode.text)
                    }
                }
            }
        }
        Label {
            Layout.fillWidth: true
            visible: text.length > 0
            text: root.session.errorMessage
            color: Theme.danger
            wrapMode: Text.Wrap
        }
        Label {
            Layout.fillWidth: true
            visible: text.length > 0
            text: root.session.notice
            wrapMode: Text.Wrap
        }
    }
}
