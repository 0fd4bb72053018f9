import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core

// Shown right after sign-in when the user's role requires two-factor authentication and it is not
// on yet: the server allows nothing else until it is. The steps are those of the account dialog
// (password, then QR code, key and backup codes, then a code); once confirmed, SessionController
// signs the user in and the workspace follows.
Page {
    id: root

    required property AppContext app
    readonly property SessionController session: root.app.session
    readonly property bool started: root.session.twoFactorQrCode.length > 0

    objectName: "twoFactorSetupPage"

    Pane {
        anchors.centerIn: parent
        width: 460
        padding: 24

        ColumnLayout {
            anchors.fill: parent
            spacing: 10

            Label {
                text: qsTr("Turn on two-factor authentication")
                font.pixelSize: Theme.fontDisplay
                font.bold: true
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label {
                text: qsTr("Your role requires two-factor authentication. Turn it on to continue.")
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            RowLayout {
                visible: !root.started
                Layout.fillWidth: true
                TextField {
                    id: passwordField
                    objectName: "setupPassword"
                    Layout.fillWidth: true
                    echoMode: TextInput.Password
                    placeholderText: qsTr("Current password")
                    onAccepted: startButton.clicked()
                }
                Button {
                    id: startButton
                    objectName: "setupStart"
                    text: qsTr("Continue")
                    enabled: !root.session.busy && passwordField.text.length > 0
                    onClicked: root.session.beginTwoFactorSetup(passwordField.text)
                }
            }
            Image {
                objectName: "setupQrImage"
                visible: root.started
                source: root.session.twoFactorQrCode
                Layout.preferredWidth: 200
                Layout.preferredHeight: 200
                Layout.alignment: Qt.AlignHCenter
                fillMode: Image.PreserveAspectFit
                smooth: false
            }
            Label {
                visible: root.started
                text: qsTr("Scan it with your authenticator app, or enter the key %1").arg(root.session.twoFactorSecret)
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label {
                visible: root.started
                text: qsTr("Backup codes (each works once): %1").arg(root.session.twoFactorBackupCodes.join("  "))
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            RowLayout {
                visible: root.started
                Layout.fillWidth: true
                TextField {
                    id: codeField
                    objectName: "setupCode"
                    Layout.fillWidth: true
                    placeholderText: qsTr("Code from the app")
                    inputMethodHints: Qt.ImhDigitsOnly
                    onAccepted: confirmButton.clicked()
                }
                Button {
                    id: confirmButton
                    objectName: "setupConfirm"
                    text: qsTr("Confirm")
                    enabled: !root.session.busy && codeField.text.length > 0
                    onClicked: root.session.confirmTwoFactorSetup(codeField.text)
                }
            }
            Label {
                objectName: "setupError"
                Layout.fillWidth: true
                visible: text.length > 0
                text: root.session.errorMessage
                color: Theme.danger
                wrapMode: Text.Wrap
            }
            Button {
                text: qsTr("Sign out")
                flat: true
                Layout.alignment: Qt.AlignRight
                onClicked: root.session.logout()
            }
        }
    }
}
