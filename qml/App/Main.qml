import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core

// The window: the sign-in page until signed in (and the 2FA set-up when the user's role requires
// it), then the workspace; a banner while the server cannot be reached.
ApplicationWindow {
    id: root

    required property AppContext app

    width: 1280
    height: 720
    minimumWidth: 1024
    minimumHeight: 600
    visible: true
    title: root.app.session.stage === SessionController.SignedIn
           ? qsTr("Conversa — %1").arg(root.app.session.userName) : qsTr("Conversa")

    header: ConnectionBanner {
        app: root.app
    }

    Loader {
        id: page
        objectName: "page"
        anchors.fill: parent
        sourceComponent: {
            switch (root.app.session.stage) {
            case SessionController.SignedIn:
                return workspace
            case SessionController.TwoFactorSetupRequired:
                return twoFactorSetup
            default:
                return login
            }
        }
    }

    Component {
        id: login
        LoginPage {
            app: root.app
        }
    }

    Component {
        id: twoFactorSetup
        TwoFactorSetupPage {
            app: root.app
        }
    }

    Component {
        id: workspace
        WorkspacePage {
            app: root.app
        }
    }
}
