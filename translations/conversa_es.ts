<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Api</name>
    <message>
        <source>A user with this email already exists</source>
        <translation>Ya existe un usuario con este email</translation>
    </message>
    <message>
        <source>The access token is invalid or expired</source>
        <translation>El token de acceso no es válido o ha expirado</translation>
    </message>
    <message>
        <source>The session has ended, sign in again</source>
        <translation>La sesión ha terminado, inicia sesión de nuevo</translation>
    </message>
    <message>
        <source>This account is not active</source>
        <translation>Esta cuenta no está activa</translation>
    </message>
    <message>
        <source>Authentication is required</source>
        <translation>Se requiere autenticación</translation>
    </message>
    <message>
        <source>You do not have permission to do this</source>
        <translation>No tienes permiso para realizar esta acción</translation>
    </message>
    <message>
        <source>Your role requires two-factor authentication: enable it to continue</source>
        <translation>Tu rol exige la verificación en dos pasos: actívala para continuar</translation>
    </message>
    <message>
        <source>Scan the QR code with WhatsApp</source>
        <translation>Escanea el código QR con WhatsApp</translation>
    </message>
    <message>
        <source>The resource was not found</source>
        <translation>No se encontró el recurso</translation>
    </message>
    <message>
        <source>This method is not allowed here</source>
        <translation>Este método no está permitido aquí</translation>
    </message>
    <message>
        <source>The request body is too large</source>
        <translation>El cuerpo de la solicitud es demasiado grande</translation>
    </message>
    <message>
        <source>The data sent is not valid</source>
        <translation>Error de validación en los datos enviados</translation>
    </message>
    <message>
        <source>Too many requests, try again later</source>
        <translation>Demasiadas solicitudes, inténtalo más tarde</translation>
    </message>
    <message>
        <source>An internal error occurred</source>
        <translation>Ocurrió un error interno</translation>
    </message>
    <message>
        <source>The body must be JSON (Content-Type: application/json)</source>
        <translation>El cuerpo debe ser JSON (Content-Type: application/json)</translation>
    </message>
    <message>
        <source>The body is not valid JSON</source>
        <translation>El cuerpo no es un JSON válido</translation>
    </message>
    <message>
        <source>The body must be a JSON object</source>
        <translation>El cuerpo debe ser un objeto JSON</translation>
    </message>
    <message>
        <source>The server is busy, try again shortly</source>
        <translation>El servidor está ocupado; inténtalo de nuevo en un momento</translation>
    </message>
    <message>
        <source>The user&apos;s sign-in lock was cleared</source>
        <translation>Se quitó el bloqueo de inicio de sesión del usuario</translation>
    </message>
    <message>
        <source>The database is not available</source>
        <translation>La base de datos no está disponible</translation>
    </message>
    <message>
        <source>This field is required</source>
        <translation>Este campo es obligatorio</translation>
    </message>
    <message>
        <source>Must be a text</source>
        <translation>Debe ser un texto</translation>
    </message>
    <message>
        <source>Must be at most %1 characters</source>
        <translation>Debe tener como máximo %1 caracteres</translation>
    </message>
    <message>
        <source>Must be at least %1 characters</source>
        <translation>Debe tener al menos %1 caracteres</translation>
    </message>
    <message>
        <source>Must be a valid email address</source>
        <translation>El email no es válido</translation>
    </message>
    <message>
        <source>Must be one of: %1</source>
        <translation>Debe ser uno de: %1</translation>
    </message>
    <message>
        <source>Must be a phone number in international format, e.g. +573001234567</source>
        <translation>Debe ser un teléfono en formato internacional, p. ej. +573001234567</translation>
    </message>
    <message>
        <source>Must be a whole number</source>
        <translation>Debe ser un número entero</translation>
    </message>
    <message>
        <source>Must be between %1 and %2</source>
        <translation>Debe estar entre %1 y %2</translation>
    </message>
    <message>
        <source>Must be true or false</source>
        <translation>Debe ser true o false</translation>
    </message>
    <message>
        <source>Must be an object</source>
        <translation>Debe ser un objeto</translation>
    </message>
    <message>
        <source>Must be a positive whole number</source>
        <translation>Debe ser un número entero positivo</translation>
    </message>
    <message>
        <source>Must be a date (YYYY-MM-DD) or an ISO 8601 date and time</source>
        <translation>Debe ser una fecha (AAAA-MM-DD) o una fecha y hora ISO 8601</translation>
    </message>
    <message>
        <source>Must not be earlier than from_date</source>
        <translation>No puede ser anterior a from_date</translation>
    </message>
    <message>
        <source>The email or password is incorrect</source>
        <translation>El correo electrónico o la contraseña son incorrectos</translation>
    </message>
    <message>
        <source>The new password must be different from the current one</source>
        <translation>La nueva contraseña debe ser diferente de la actual</translation>
    </message>
    <message>
        <source>The current password is incorrect</source>
        <translation>La contraseña actual es incorrecta</translation>
    </message>
    <message>
        <source>The verification step is invalid or expired, sign in again</source>
        <translation>El paso de verificación no es válido o ha expirado; inicia sesión de nuevo</translation>
    </message>
    <message>
        <source>The code is not valid</source>
        <translation>El código no es válido</translation>
    </message>
    <message>
        <source>Two-factor authentication is not enabled</source>
        <translation>La autenticación de dos factores no está activada</translation>
    </message>
    <message>
        <source>The password is incorrect</source>
        <translation>La contraseña es incorrecta</translation>
    </message>
    <message>
        <source>Must be an http or https URL</source>
        <translation>Debe ser una URL http o https</translation>
    </message>
    <message>
        <source>Must be an existing role</source>
        <translation>Debe ser un rol existente</translation>
    </message>
    <message>
        <source>The last active administrator cannot be demoted, deactivated or deleted</source>
        <translation>No se puede degradar, desactivar ni eliminar al último administrador activo</translation>
    </message>
    <message>
        <source>You cannot delete your own user</source>
        <translation>No puedes eliminar tu propio usuario</translation>
    </message>
    <message>
        <source>The refresh token is invalid or expired</source>
        <translation>El token de actualización no es válido o ha expirado</translation>
    </message>
    <message>
        <source>The refresh token was already used; sign in again</source>
        <translation>El token de actualización ya fue usado; inicia sesión de nuevo</translation>
    </message>
    <message>
        <source>Two-factor authentication is already enabled</source>
        <translation>La autenticación de dos factores ya está activada</translation>
    </message>
    <message>
        <source>There is no two-factor setup to confirm; call /auth/2fa/enable first</source>
        <translation>No hay una activación de dos factores pendiente de confirmar; llama primero a /auth/2fa/enable</translation>
    </message>
    <message>
        <source>Signed out successfully</source>
        <translation>Sesión cerrada exitosamente</translation>
    </message>
    <message>
        <source>Password updated successfully</source>
        <translation>Contraseña actualizada exitosamente</translation>
    </message>
    <message>
        <source>Unknown day; use monday to sunday</source>
        <translation>Día desconocido; usa monday a sunday</translation>
    </message>
    <message>
        <source>Must be an object with start and end, or null</source>
        <translation>Debe ser un objeto con start y end, o null</translation>
    </message>
    <message>
        <source>Must be a time as HH:MM</source>
        <translation>Debe ser una hora en formato HH:MM</translation>
    </message>
    <message>
        <source>Must be after the start time</source>
        <translation>Debe ser posterior a la hora de inicio</translation>
    </message>
    <message>
        <source>Use only letters, digits, - and _</source>
        <translation>Usa solo letras, dígitos, - y _</translation>
    </message>
    <message>
        <source>Must be a known IANA time zone, e.g. America/Bogota</source>
        <translation>Debe ser una zona horaria IANA válida, p. ej. America/Bogota</translation>
    </message>
    <message>
        <source>Listed more than once</source>
        <translation>Aparece más de una vez</translation>
    </message>
    <message>
        <source>A campaign with this code already exists</source>
        <translation>Ya existe una campaña con este código</translation>
    </message>
    <message>
        <source>Must be a list</source>
        <translation>Debe ser una lista</translation>
    </message>
    <message>
        <source>Must be one of whatsapp_number_ids</source>
        <translation>Debe ser uno de los whatsapp_number_ids</translation>
    </message>
    <message>
        <source>Unknown WhatsApp number</source>
        <translation>Número de WhatsApp desconocido</translation>
    </message>
    <message>
        <source>At most %1 items</source>
        <translation>Como máximo %1 elementos</translation>
    </message>
    <message>
        <source>Must be a list of texts of 1 to 50 characters</source>
        <translation>Debe ser una lista de textos de 1 a 50 caracteres</translation>
    </message>
    <message>
        <source>Unknown user</source>
        <translation>Usuario desconocido</translation>
    </message>
    <message>
        <source>A tag must not contain a slash</source>
        <translation>Una etiqueta no puede contener una barra (/)</translation>
    </message>
    <message>
        <source>At most %1 custom fields</source>
        <translation>Como máximo %1 campos personalizados</translation>
    </message>
    <message>
        <source>Must map names (up to %1 characters) to text (up to %2 characters), numbers, true/false or null</source>
        <translation>Debe asociar nombres (de hasta %1 caracteres) a textos (de hasta %2 caracteres), números, true/false o null</translation>
    </message>
    <message>
        <source>Must be a list of texts</source>
        <translation>Debe ser una lista de textos</translation>
    </message>
    <message>
        <source>Must be a valid phone number</source>
        <translation>Debe ser un número de teléfono válido</translation>
    </message>
    <message>
        <source>Must be an ISO 8601 date and time</source>
        <translation>Debe ser una fecha y hora ISO 8601</translation>
    </message>
    <message>
        <source>A client with this phone number already exists</source>
        <translation>Ya existe un cliente con este número de teléfono</translation>
    </message>
    <message>
        <source>The body must be multipart/form-data with a boundary</source>
        <translation>El cuerpo debe ser multipart/form-data con un boundary</translation>
    </message>
    <message>
        <source>The multipart body is malformed</source>
        <translation>El cuerpo multipart está mal formado</translation>
    </message>
    <message>
        <source>A file is required</source>
        <translation>Se requiere un archivo</translation>
    </message>
    <message>
        <source>The file is empty</source>
        <translation>El archivo está vacío</translation>
    </message>
    <message>
        <source>This file type is not accepted</source>
        <translation>Este tipo de archivo no está permitido</translation>
    </message>
    <message>
        <source>Cannot be changed; create a new number instead</source>
        <translation>No se puede cambiar; crea un número nuevo</translation>
    </message>
    <message>
        <source>Must be a JSON object of text, number or true/false values</source>
        <translation>Debe ser un objeto JSON con valores de texto, número o true/false</translation>
    </message>
    <message>
        <source>The body must be multipart/form-data with a file part, or text/csv</source>
        <translation>El cuerpo debe ser multipart/form-data con una parte «file», o text/csv</translation>
    </message>
    <message>
        <source>The multipart body has no boundary</source>
        <translation>El cuerpo multipart no indica el delimitador (boundary)</translation>
    </message>
    <message>
        <source>A CSV file is required</source>
        <translation>Se requiere un archivo CSV</translation>
    </message>
    <message>
        <source>The file must be UTF-8 text</source>
        <translation>El archivo debe ser texto UTF-8</translation>
    </message>
    <message>
        <source>The file must start with a header row</source>
        <translation>El archivo debe empezar con una fila de encabezados</translation>
    </message>
    <message>
        <source>The header must name a phone_number column</source>
        <translation>El encabezado debe incluir una columna phone_number</translation>
    </message>
    <message>
        <source>A WhatsApp number with this phone number already exists</source>
        <translation>Ya existe un número de WhatsApp con este número de teléfono</translation>
    </message>
    <message>
        <source>A WhatsApp number with this Meta phone number ID already exists</source>
        <translation>Ya existe un número de WhatsApp con este ID de número de Meta</translation>
    </message>
    <message>
        <source>This WPPConnect server already has a number with this session name</source>
        <translation>Este servidor WPPConnect ya tiene un número con este nombre de sesión</translation>
    </message>
    <message>
        <source>Must be an active user</source>
        <translation>Debe ser un usuario activo</translation>
    </message>
    <message>
        <source>A closed chat cannot be assigned</source>
        <translation>Un chat cerrado no se puede asignar</translation>
    </message>
    <message>
        <source>The agent does not work on this chat&apos;s campaign</source>
        <translation>El agente no trabaja en la campaña de este chat</translation>
    </message>
    <message>
        <source>You already hold as many open chats as you may</source>
        <translation>Ya tienes tantos chats abiertos como puedes atender</translation>
    </message>
    <message>
        <source>Someone else took this chat first</source>
        <translation>Otra persona tomó este chat primero</translation>
    </message>
    <message>
        <source>This chat is not assigned to you: take it first (transfer it to yourself)</source>
        <translation>Este chat no está asignado a ti: tómalo primero (transfiérelo a ti mismo)</translation>
    </message>
    <message>
        <source>A closed chat cannot be transferred</source>
        <translation>Un chat cerrado no se puede transferir</translation>
    </message>
    <message>
        <source>No such campaign</source>
        <translation>La campaña no existe</translation>
    </message>
    <message>
        <source>The chat is already closed</source>
        <translation>El chat ya está cerrado</translation>
    </message>
    <message>
        <source>Only a closed chat can be reopened</source>
        <translation>Solo se puede reabrir un chat cerrado</translation>
    </message>
    <message>
        <source>The client already has an open chat on this number</source>
        <translation>El cliente ya tiene un chat abierto en este número</translation>
    </message>
    <message>
        <source>No such file</source>
        <translation>El archivo no existe</translation>
    </message>
    <message>
        <source>No such message in this chat</source>
        <translation>El mensaje no existe en este chat</translation>
    </message>
    <message>
        <source>The chat is closed</source>
        <translation>El chat está cerrado</translation>
    </message>
    <message>
        <source>The chat&apos;s WhatsApp number has no Meta business account id: an administrator must set meta_business_account_id</source>
        <translation>El número de WhatsApp del chat no tiene el id de la cuenta de empresa de Meta: un administrador debe configurar meta_business_account_id</translation>
    </message>
    <message>
        <source>The chat&apos;s WhatsApp number has no Meta access token</source>
        <translation>El número de WhatsApp del chat no tiene token de acceso de Meta</translation>
    </message>
    <message>
        <source>Meta did not answer with the message templates: try again shortly</source>
        <translation>Meta no respondió con las plantillas de mensajes: inténtalo de nuevo en un momento</translation>
    </message>
    <message>
        <source>Another request with this Idempotency-Key is being processed</source>
        <translation>Otra solicitud con esta Idempotency-Key se está procesando</translation>
    </message>
    <message>
        <source>Must be 1 to 128 visible ASCII characters</source>
        <translation>Debe tener de 1 a 128 caracteres ASCII visibles</translation>
    </message>
    <message>
        <source>This Idempotency-Key was used for a message to another chat</source>
        <translation>Esta Idempotency-Key ya se usó para un mensaje a otro chat</translation>
    </message>
    <message>
        <source>Only inbound messages can be marked as read</source>
        <translation>Solo los mensajes entrantes se pueden marcar como leídos</translation>
    </message>
    <message>
        <source>Only a failed message can be retried</source>
        <translation>Solo se puede reintentar un mensaje fallido</translation>
    </message>
    <message>
        <source>You can only assign tasks to yourself</source>
        <translation>Solo puedes asignarte tareas a ti mismo</translation>
    </message>
    <message>
        <source>Unknown client</source>
        <translation>Cliente desconocido</translation>
    </message>
    <message>
        <source>Unknown chat</source>
        <translation>Chat desconocido</translation>
    </message>
    <message>
        <source>The chat belongs to another client</source>
        <translation>El chat pertenece a otro cliente</translation>
    </message>
    <message>
        <source>Must be before the due date</source>
        <translation>Debe ser anterior a la fecha de vencimiento</translation>
    </message>
    <message>
        <source>The task is already completed</source>
        <translation>La tarea ya está completada</translation>
    </message>
    <message>
        <source>The webhook signature is missing or wrong</source>
        <translation>La firma del webhook falta o no es válida</translation>
    </message>
    <message>
        <source>The webhook token is missing or wrong</source>
        <translation>El token del webhook falta o no es válido</translation>
    </message>
    <message>
        <source>The number needs a WPPConnect server URL, session name and secret key</source>
        <translation>El número necesita la URL del servidor WPPConnect, el nombre de la sesión y la clave secreta</translation>
    </message>
    <message>
        <source>Only WPPConnect numbers connect by QR code</source>
        <translation>Solo los números de WPPConnect se conectan con código QR</translation>
    </message>
    <message>
        <source>The number needs a Meta phone number id and access token</source>
        <translation>El número necesita el id de número de teléfono de Meta y el token de acceso</translation>
    </message>
    <message>
        <source>More than 24 hours have passed since the client&apos;s last message: send a template instead</source>
        <translation>Han pasado más de 24 horas desde el último mensaje del cliente: envía una plantilla</translation>
    </message>
    <message>
        <source>Connect with an access token first</source>
        <translation>Conéctate primero con un token de acceso</translation>
    </message>
    <message>
        <source>Invalid namespace</source>
        <translation>Espacio de nombres no válido</translation>
    </message>
    <message>
        <source>Join the chat first</source>
        <translation>Únete primero al chat</translation>
    </message>
    <message>
        <source>Must be a list of 1 to %1 message ids</source>
        <translation>Debe ser una lista de 1 a %1 ids de mensaje</translation>
    </message>
    <message>
        <source>HTTP long-polling is not supported: connect with transports: [&apos;websocket&apos;]</source>
        <translation>HTTP long-polling no está soportado: conéctate con transports: [&apos;websocket&apos;]</translation>
    </message>
    <message>
        <source>Socket.IO needs a WebSocket upgrade with EIO=4 and transport=websocket</source>
        <translation>Socket.IO necesita una conexión WebSocket con EIO=4 y transport=websocket</translation>
    </message>
    <message>
        <source>A menu needs at least one option</source>
        <translation>Un menú necesita al menos una opción</translation>
    </message>
    <message>
        <source>A menu has at most %1 options</source>
        <translation>Un menú tiene como máximo %1 opciones</translation>
    </message>
    <message>
        <source>At most %1 characters: up to three options are sent as WhatsApp reply buttons</source>
        <translation>Máximo %1 caracteres: hasta tres opciones se envían como botones de respuesta de WhatsApp</translation>
    </message>
    <message>
        <source>At most %1 characters: four to ten options are sent as a WhatsApp list</source>
        <translation>Máximo %1 caracteres: de cuatro a diez opciones se envían como una lista de WhatsApp</translation>
    </message>
    <message>
        <source>The regular expression is empty</source>
        <translation>La expresión regular está vacía</translation>
    </message>
    <message>
        <source>Invalid regular expression: %1</source>
        <translation>Expresión regular no válida: %1</translation>
    </message>
    <message>
        <source>Invalid JSON path</source>
        <translation>Ruta JSON no válida</translation>
    </message>
    <message>
        <source>A condition needs at least one rule or a default</source>
        <translation>Una condición necesita al menos una regla o un default</translation>
    </message>
    <message>
        <source>A start node is required</source>
        <translation>Se requiere un nodo inicial</translation>
    </message>
    <message>
        <source>Names %1, which is not a node of the flow</source>
        <translation>Nombra %1, que no es un nodo del flujo</translation>
    </message>
    <message>
        <source>Leads to %1, which is not a node of the flow</source>
        <translation>Lleva a %1, que no es un nodo del flujo</translation>
    </message>
    <message>
        <source>No node sets %1 and the flow&apos;s variables do not define it</source>
        <translation>Ningún nodo asigna %1 y las variables del flujo no la definen</translation>
    </message>
    <message>
        <source>These nodes loop without ever waiting for the customer: %1</source>
        <translation>Estos nodos forman un ciclo sin esperar nunca al cliente: %1</translation>
    </message>
    <message>
        <source>No path from the start node leads here</source>
        <translation>Ningún camino desde el nodo inicial llega aquí</translation>
    </message>
    <message>
        <source>The flow was published meanwhile; reload it</source>
        <translation>El flujo se publicó mientras tanto; vuelve a cargarlo</translation>
    </message>
    <message>
        <source>The draft changed meanwhile: %1 saved revision %2 at %3. Reload it before saving</source>
        <translation>El borrador cambió mientras tanto: %1 guardó la revisión %2 a las %3. Vuelve a cargarlo antes de guardar</translation>
    </message>
    <message>
        <source>The draft is at revision %1</source>
        <translation>El borrador está en la revisión %1</translation>
    </message>
    <message>
        <source>Saved last by %1</source>
        <translation>Guardado por última vez por %1</translation>
    </message>
    <message>
        <source>Saved last at %1</source>
        <translation>Guardado por última vez a las %1</translation>
    </message>
    <message>
        <source>A flow has at most %1 nodes</source>
        <translation>Un flujo tiene como máximo %1 nodos</translation>
    </message>
    <message>
        <source>%1 campaign(s) use this flow; choose another flow for them first</source>
        <translation>%1 campaña(s) usan este flujo; elige primero otro flujo para ellas</translation>
    </message>
    <message>
        <source>The flow cannot be published until these problems are fixed</source>
        <translation>El flujo no se puede publicar hasta corregir estos problemas</translation>
    </message>
    <message>
        <source>Use only letters, digits and _, not starting with a digit</source>
        <translation>Usa solo letras, dígitos y _, sin empezar por un dígito</translation>
    </message>
    <message>
        <source>Must be a text, a number, true or false</source>
        <translation>Debe ser un texto, un número, true o false</translation>
    </message>
    <message>
        <source>At most %1 bytes as JSON</source>
        <translation>Máximo %1 bytes como JSON</translation>
    </message>
    <message>
        <source>Must be a revision of the draft in quotes, e.g. &quot;3&quot;</source>
        <translation>Debe ser una revisión del borrador entre comillas, p. ej. &quot;3&quot;</translation>
    </message>
    <message>
        <source>Unknown bot flow</source>
        <translation>Flujo de bot desconocido</translation>
    </message>
    <message>
        <source>The flow has no node with this key</source>
        <translation>El flujo no tiene ningún nodo con esta clave</translation>
    </message>
    <message>
        <source>The flow has no http_request node with this key</source>
        <translation>El flujo no tiene ningún nodo http_request con esta clave</translation>
    </message>
    <message>
        <source>The session had ended; this message was not read</source>
        <translation>La sesión ya había terminado; este mensaje no se leyó</translation>
    </message>
    <message>
        <source>At most %1 bytes</source>
        <translation>Como máximo %1 bytes</translation>
    </message>
    <message>
        <source>Must be a text, or an object with text, reply_id or timeout: true</source>
        <translation>Debe ser un texto, o un objeto con text, reply_id o timeout: true</translation>
    </message>
    <message>
        <source>Must be true, without text or reply_id</source>
        <translation>Debe ser true, sin text ni reply_id</translation>
    </message>
    <message>
        <source>Must be a date as YYYY-MM-DD</source>
        <translation>Debe ser una fecha en formato YYYY-MM-DD</translation>
    </message>
    <message>
        <source>The period can be at most %1 days long</source>
        <translation>El periodo puede durar como máximo %1 días</translation>
    </message>
    <message>
        <source>A restore is running; try again when it has finished</source>
        <translation>Hay una restauración en curso; inténtalo de nuevo cuando termine</translation>
    </message>
    <message>
        <source>Backup started. You will get a notification when it finishes.</source>
        <translation>Backup iniciado. Recibirás una notificación al finalizar.</translation>
    </message>
    <message>
        <source>The backup has finished.</source>
        <translation>El backup ha finalizado.</translation>
    </message>
    <message>
        <source>The backup failed.</source>
        <translation>El backup ha fallado.</translation>
    </message>
    <message>
        <source>The backup is still being written</source>
        <translation>El backup todavía se está escribiendo</translation>
    </message>
    <message>
        <source>Only a completed backup can be restored</source>
        <translation>Solo se puede restaurar un backup completado</translation>
    </message>
    <message>
        <source>A restore is already running</source>
        <translation>Ya hay una restauración en curso</translation>
    </message>
    <message>
        <source>The backup archive is damaged: %1</source>
        <translation>El archivo de backup está dañado: %1</translation>
    </message>
    <message>
        <source>The file is not a readable .zip archive</source>
        <translation>El archivo no es un .zip legible</translation>
    </message>
    <message>
        <source>The archive has too many entries or none</source>
        <translation>El archivo tiene demasiadas entradas o ninguna</translation>
    </message>
    <message>
        <source>The archive is not a Conversa backup (no manifest.json)</source>
        <translation>El archivo no es un backup de Conversa (falta manifest.json)</translation>
    </message>
    <message>
        <source>The archive is not a Conversa backup (%1)</source>
        <translation>El archivo no es un backup de Conversa (%1)</translation>
    </message>
    <message>
        <source>The archive was written by a newer server (format %1)</source>
        <translation>El archivo lo escribió un servidor más nuevo (formato %1)</translation>
    </message>
    <message>
        <source>The archive holds an unsafe path: %1</source>
        <translation>El archivo contiene una ruta no segura: %1</translation>
    </message>
    <message>
        <source>The archive expands beyond the allowed size</source>
        <translation>El archivo descomprimido supera el tamaño permitido</translation>
    </message>
    <message>
        <source>The archive holds a link or special file: %1</source>
        <translation>El archivo contiene un enlace o un archivo especial: %1</translation>
    </message>
    <message>
        <source>The backup directory is not writable</source>
        <translation>No se puede escribir en el directorio de backups</translation>
    </message>
    <message>
        <source>The database could not be copied</source>
        <translation>No se pudo copiar la base de datos</translation>
    </message>
    <message>
        <source>The archive holds a %1 database; this server uses %2</source>
        <translation>El archivo contiene una base de datos %1; este servidor usa %2</translation>
    </message>
    <message>
        <source>The archive has schema version %1, newer than this server&apos;s %2: upgrade first</source>
        <translation>El archivo tiene la versión de esquema %1, más nueva que la %2 de este servidor: actualiza primero</translation>
    </message>
    <message>
        <source>The archive holds no database</source>
        <translation>El archivo no contiene ninguna base de datos</translation>
    </message>
    <message>
        <source>Not enough free disk space to restore this archive</source>
        <translation>No hay espacio libre suficiente en disco para restaurar este archivo</translation>
    </message>
    <message>
        <source>The data directory is not writable</source>
        <translation>No se puede escribir en el directorio de datos</translation>
    </message>
    <message>
        <source>The database could not be restored</source>
        <translation>No se pudo restaurar la base de datos</translation>
    </message>
    <message>
        <source>A backup is being written; try again when it has finished</source>
        <translation>Se está escribiendo un backup; inténtalo de nuevo cuando termine</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Report</source>
        <translation>Informe</translation>
    </message>
    <message>
        <source>Exported at (UTC)</source>
        <translation>Exportado el (UTC)</translation>
    </message>
    <message>
        <source>Conversations listed</source>
        <translation>Conversaciones listadas</translation>
    </message>
    <message>
        <source>List cut short</source>
        <translation>Lista recortada</translation>
    </message>
    <message>
        <source>Campaign id</source>
        <translation>Id de campaña</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Agent id</source>
        <translation>Id de agente</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>WhatsApp number id</source>
        <translation>Id del número de WhatsApp</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Número de teléfono</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Nombre visible</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Granularity</source>
        <translation>Granularidad</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>From (UTC)</source>
        <translation>Desde (UTC)</translation>
    </message>
    <message>
        <source>To (UTC)</source>
        <translation>Hasta (UTC)</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Total conversations</source>
        <translation>Total de conversaciones</translation>
    </message>
    <message>
        <source>Conversations handled</source>
        <translation>Conversaciones atendidas</translation>
    </message>
    <message>
        <source>Conversations abandoned</source>
        <translation>Conversaciones abandonadas</translation>
    </message>
    <message>
        <source>Conversations closed</source>
        <translation>Conversaciones cerradas</translation>
    </message>
    <message>
        <source>Average wait (s)</source>
        <translation>Espera promedio (s)</translation>
    </message>
    <message>
        <source>Waits measured</source>
        <translation>Esperas medidas</translation>
    </message>
    <message>
        <source>Average first response time (s)</source>
        <translation>Tiempo promedio de primera respuesta (s)</translation>
    </message>
    <message>
        <source>First responses measured</source>
        <translation>Primeras respuestas medidas</translation>
    </message>
    <message>
        <source>Average handling time (s)</source>
        <translation>Tiempo promedio de atención (s)</translation>
    </message>
    <message>
        <source>Handling times measured</source>
        <translation>Tiempos de atención medidos</translation>
    </message>
    <message>
        <source>First-response SLA compliance (%)</source>
        <translation>Cumplimiento del SLA de primera respuesta (%)</translation>
    </message>
    <message>
        <source>First responses checked against the SLA</source>
        <translation>Primeras respuestas evaluadas contra el SLA</translation>
    </message>
    <message>
        <source>Resolution SLA compliance (%)</source>
        <translation>Cumplimiento del SLA de resolución (%)</translation>
    </message>
    <message>
        <source>Resolutions checked against the SLA</source>
        <translation>Resoluciones evaluadas contra el SLA</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>Messages per conversation</source>
        <translation>Mensajes por conversación</translation>
    </message>
    <message>
        <source>Average CSAT</source>
        <translation>CSAT promedio</translation>
    </message>
    <message>
        <source>CSAT answers</source>
        <translation>Respuestas CSAT</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Ingresos</translation>
    </message>
    <message>
        <source>Resolved by the bot</source>
        <translation>Resueltas por el bot</translation>
    </message>
    <message>
        <source>Handed over by the bot</source>
        <translation>Derivadas por el bot</translation>
    </message>
    <message>
        <source>Still in the bot</source>
        <translation>Aún en el bot</translation>
    </message>
    <message>
        <source>Handled by agents</source>
        <translation>Atendidas por agentes</translation>
    </message>
    <message>
        <source>Conversations transferred</source>
        <translation>Conversaciones transferidas</translation>
    </message>
    <message>
        <source>Messages sent</source>
        <translation>Mensajes enviados</translation>
    </message>
    <message>
        <source>Conversations per hour</source>
        <translation>Conversaciones por hora</translation>
    </message>
    <message>
        <source>SLA compliance (%)</source>
        <translation>Cumplimiento del SLA (%)</translation>
    </message>
    <message>
        <source>Available (s)</source>
        <translation>Disponible (s)</translation>
    </message>
    <message>
        <source>Busy (s)</source>
        <translation>Ocupado (s)</translation>
    </message>
    <message>
        <source>Paused (s)</source>
        <translation>En pausa (s)</translation>
    </message>
    <message>
        <source>Offline (s)</source>
        <translation>Desconectado (s)</translation>
    </message>
    <message>
        <source>Messages received</source>
        <translation>Mensajes recibidos</translation>
    </message>
    <message>
        <source>Messages failed</source>
        <translation>Mensajes fallidos</translation>
    </message>
    <message>
        <source>Messages pending</source>
        <translation>Mensajes pendientes</translation>
    </message>
    <message>
        <source>Delivery rate (%)</source>
        <translation>Tasa de entrega (%)</translation>
    </message>
    <message>
        <source>Messages sent, for the delivery rate</source>
        <translation>Mensajes enviados, para la tasa de entrega</translation>
    </message>
    <message>
        <source>Read rate (%)</source>
        <translation>Tasa de lectura (%)</translation>
    </message>
    <message>
        <source>Messages sent, for the read rate</source>
        <translation>Mensajes enviados, para la tasa de lectura</translation>
    </message>
    <message>
        <source>Median delivery time (s)</source>
        <translation>Mediana del tiempo de entrega (s)</translation>
    </message>
    <message>
        <source>Deliveries measured</source>
        <translation>Entregas medidas</translation>
    </message>
    <message>
        <source>Conversations opened</source>
        <translation>Conversaciones abiertas</translation>
    </message>
    <message>
        <source>Connected (s)</source>
        <translation>Conectado (s)</translation>
    </message>
    <message>
        <source>Uptime (%)</source>
        <translation>Disponibilidad (%)</translation>
    </message>
    <message>
        <source>Connection measured (s)</source>
        <translation>Conexión medida (s)</translation>
    </message>
    <message>
        <source>Disconnects</source>
        <translation>Desconexiones</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>Resultado: %1</translation>
    </message>
    <message>
        <source>CSAT answers of %1</source>
        <translation>Respuestas CSAT de %1</translation>
    </message>
    <message>
        <source>Hourly</source>
        <translation>Por hora</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>Por día</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>First response by</source>
        <translation>Primera respuesta de</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>Primera respuesta</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrada</translation>
    </message>
    <message>
        <source>Wait (s)</source>
        <translation>Espera (s)</translation>
    </message>
    <message>
        <source>First response time (s)</source>
        <translation>Tiempo de primera respuesta (s)</translation>
    </message>
    <message>
        <source>Handling time (s)</source>
        <translation>Tiempo de atención (s)</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>CSAT</source>
        <translation>CSAT</translation>
    </message>
    <message>
        <source>Bot or human</source>
        <translation>Bot o humano</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Cifra</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Period: %1 to %2</source>
        <translation>Periodo: del %1 al %2</translation>
    </message>
    <message>
        <source>Time zone: %1</source>
        <translation>Zona horaria: %1</translation>
    </message>
    <message>
        <source>Generated at: %1</source>
        <translation>Generado el: %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Página %1 de %2</translation>
    </message>
    <message>
        <source>(continued)</source>
        <translation>(continuación)</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Sin datos</translation>
    </message>
    <message>
        <source>Only the first %1 of %2 conversations are listed: the CSV and Excel exports list them all.</source>
        <translation>Solo se listan las primeras %1 de %2 conversaciones: las exportaciones CSV y Excel las listan todas.</translation>
    </message>
    <message>
        <source>Campaign report</source>
        <translation>Informe de campaña</translation>
    </message>
    <message>
        <source>Agent report</source>
        <translation>Informe de agente</translation>
    </message>
    <message>
        <source>WhatsApp number report</source>
        <translation>Informe de número de WhatsApp</translation>
    </message>
    <message>
        <source>Summary report</source>
        <translation>Informe resumen</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Two-factor</source>
        <translation>Dos pasos</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Contraseña actual</translation>
    </message>
    <message>
        <source>New password (at least 8 characters)</source>
        <translation>Contraseña nueva (al menos 8 caracteres)</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Cambiar contraseña</translation>
    </message>
    <message>
        <source>Two-factor authentication is on.</source>
        <translation>La verificación en dos pasos está activada.</translation>
    </message>
    <message>
        <source>Turn on two-factor authentication</source>
        <translation>Activar la verificación en dos pasos</translation>
    </message>
    <message>
        <source>Scan it with your authenticator app, or enter the key %1</source>
        <translation>Escanéalo con tu app de autenticación, o escribe la clave %1</translation>
    </message>
    <message>
        <source>Backup codes (each works once): %1</source>
        <translation>Códigos de respaldo (cada uno sirve una vez): %1</translation>
    </message>
    <message>
        <source>Code from the app</source>
        <translation>Código de la app</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirmar</translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <source>The server cannot be reached. Check the address and your connection.</source>
        <translation>No se puede contactar con el servidor. Revisa la dirección y tu conexión.</translation>
    </message>
    <message>
        <source>The server answered with an error (HTTP %1).</source>
        <translation>El servidor respondió con un error (HTTP %1).</translation>
    </message>
</context>
<context>
    <name>ChatDelegate</name>
    <message>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <source>High priority</source>
        <translation>Prioridad alta</translation>
    </message>
    <message>
        <source>You: </source>
        <translation>Tú: </translation>
    </message>
</context>
<context>
    <name>ChatListPane</name>
    <message>
        <source>My chats</source>
        <translation>Mis chats</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>Search by name or phone (Ctrl+F)</source>
        <translation>Buscar por nombre o teléfono (Ctrl+F)</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Asignado</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrado</translation>
    </message>
    <message>
        <source>All campaigns</source>
        <translation>Todas las campañas</translation>
    </message>
    <message>
        <source>No chats</source>
        <translation>No hay chats</translation>
    </message>
    <message>
        <source>Nothing matches the search or the filters.</source>
        <translation>Nada coincide con la búsqueda o los filtros.</translation>
    </message>
    <message>
        <source>No client is waiting in the queue.</source>
        <translation>No hay clientes esperando en la cola.</translation>
    </message>
    <message>
        <source>Chats assigned to you appear here. Set yourself Available to receive them.</source>
        <translation>Aquí aparecen los chats asignados a ti. Ponte Disponible para recibirlos.</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>The server cannot be reached. Reconnecting… Messages waiting to be sent: %1</source>
        <translation>No se puede contactar con el servidor. Reconectando… Mensajes pendientes de envío: %1</translation>
    </message>
    <message>
        <source>The server cannot be reached. Reconnecting…</source>
        <translation>No se puede contactar con el servidor. Reconectando…</translation>
    </message>
</context>
<context>
    <name>Conversa::ApiClient</name>
    <message>
        <source>Could not reach the server</source>
        <translation>No se pudo contactar con el servidor</translation>
    </message>
</context>
<context>
    <name>ConversationController</name>
    <message>
        <source>The 24-hour window is closed: only templates can be sent.</source>
        <translation>La ventana de 24 horas está cerrada: solo se pueden enviar plantillas.</translation>
    </message>
    <message>
        <source>24-hour window: %1 h %2 min left</source>
        <translation>Ventana de 24 horas: quedan %1 h %2 min</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 está escribiendo…</translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <source>Select a chat</source>
        <translation>Selecciona un chat</translation>
    </message>
    <message>
        <source>Choose one in the list, or go through them with Ctrl+Down and Ctrl+Up. Ctrl+F searches.</source>
        <translation>Elige uno de la lista, o recórrelos con Ctrl+Abajo y Ctrl+Arriba. Ctrl+F busca.</translation>
    </message>
    <message>
        <source>This chat is not yours yet. Take it to reply.</source>
        <translation>Este chat aún no es tuyo. Tómalo para responder.</translation>
    </message>
    <message>
        <source>Take chat</source>
        <translation>Tomar chat</translation>
    </message>
</context>
<context>
    <name>InboxController</name>
    <message>
        <source>New chat</source>
        <translation>Chat nuevo</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>Mensaje nuevo</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <source>Conversa</source>
        <translation>Conversa</translation>
    </message>
    <message>
        <source>Two-step verification</source>
        <translation>Verificación en dos pasos</translation>
    </message>
    <message>
        <source>Sign in to your workstation</source>
        <translation>Inicia sesión en tu puesto de trabajo</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>agent@company.com</source>
        <translation>agente@empresa.com</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Remember me on this computer</source>
        <translation>Recordarme en este equipo</translation>
    </message>
    <message>
        <source>Enter the 6-digit code from your authenticator app, or one of your backup codes.</source>
        <translation>Escribe el código de 6 dígitos de tu app de autenticación, o uno de tus códigos de respaldo.</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Verificar</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Conversa — %1</source>
        <translation>Conversa — %1</translation>
    </message>
    <message>
        <source>Conversa</source>
        <translation>Conversa</translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <source>Template: %1</source>
        <translation>Plantilla: %1</translation>
    </message>
    <message>
        <source>Not delivered (%1): %2</source>
        <translation>No entregado (%1): %2</translation>
    </message>
    <message>
        <source>Not delivered: %1</source>
        <translation>No entregado: %1</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>Waiting for the connection</source>
        <translation>Esperando la conexión</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Leído</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>No entregado</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>Enter the server's address, for example https://conversa.example.com</source>
        <translation>Escribe la dirección del servidor, por ejemplo https://conversa.example.com</translation>
    </message>
    <message>
        <source>Enter your email and password.</source>
        <translation>Escribe tu email y tu contraseña.</translation>
    </message>
    <message>
        <source>Enter the code from your authenticator app or a backup code.</source>
        <translation>Escribe el código de tu app de autenticación o un código de respaldo.</translation>
    </message>
    <message>
        <source>The verification expired. Sign in again.</source>
        <translation>La verificación caducó. Inicia sesión de nuevo.</translation>
    </message>
    <message>
        <source>The saved login could not be read from the system keychain (%1). Sign in again.</source>
        <translation>No se pudo leer el inicio de sesión guardado en el llavero del sistema (%1). Inicia sesión de nuevo.</translation>
    </message>
    <message>
        <source>Your saved login has expired. Sign in again.</source>
        <translation>Tu inicio de sesión guardado ha caducado. Inicia sesión de nuevo.</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again.</source>
        <translation>Tu sesión ha terminado. Inicia sesión de nuevo.</translation>
    </message>
    <message>
        <source>No system keychain is available (%1), so this login is not remembered: you will sign in again next time.</source>
        <translation>No hay un llavero del sistema disponible (%1), así que este inicio de sesión no se recuerda: la próxima vez tendrás que iniciar sesión de nuevo.</translation>
    </message>
    <message>
        <source>Your password has been changed.</source>
        <translation>Tu contraseña se ha cambiado.</translation>
    </message>
    <message>
        <source>Two-factor authentication is on. Keep your backup codes somewhere safe.</source>
        <translation>La verificación en dos pasos está activada. Guarda tus códigos de respaldo en un lugar seguro.</translation>
    </message>
    <message>
        <source>Two-factor authentication could not be turned on.</source>
        <translation>No se pudo activar la verificación en dos pasos.</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>The backup has been restored and every session has ended. Sign in again with an account of the restored data.</source>
        <translation>Se ha restaurado la copia de seguridad y todas las sesiones han terminado. Inicia sesión de nuevo con una cuenta de los datos restaurados.</translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <source>Conversa</source>
        <translation>Conversa</translation>
    </message>
    <message>
        <source>Conversa — %1 unread</source>
        <translation>Conversa — %1 sin leer</translation>
    </message>
</context>
<context>
    <name>WorkspacePage</name>
    <message>
        <source>Conversa</source>
        <translation>Conversa</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Ocupado</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Desconectado</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>Cambiar contraseña…</translation>
    </message>
    <message>
        <source>Two-factor authentication…</source>
        <translation>Verificación en dos pasos…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Reason (e.g. lunch)</source>
        <translation>Motivo (p. ej. almuerzo)</translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <source>Bot flows</source>
        <translation>Flujos de bot</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Administración</translation>
    </message>
    <message>
        <source>Clients and tasks</source>
        <translation>Clientes y tareas</translation>
    </message>
</context>
<context>
    <name>ChatStatus</name>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>With the bot</source>
        <translation>Con el bot</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Asignado</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Waiting on the client</source>
        <translation>Esperando al cliente</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrado</translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
</context>
<context>
    <name>ChoiceDelegate</name>
    <message>
        <source>%1 of %2 chats</source>
        <translation>%1 de %2 chats</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign the chat</source>
        <translation>Asignar el chat</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Asignar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>ClientDialog</name>
    <message>
        <source>Client details</source>
        <translation>Datos del cliente</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Separated by commas</source>
        <translation>Separadas por comas</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Custom fields</source>
        <translation>Campos personalizados</translation>
    </message>
    <message>
        <source>One per line: name: value</source>
        <translation>Uno por línea: nombre: valor</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>ClientPanel</name>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Edit client…</source>
        <translation>Editar cliente…</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Baja</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Add a tag</source>
        <translation>Añadir una etiqueta</translation>
    </message>
    <message>
        <source>Internal notes</source>
        <translation>Notas internas</translation>
    </message>
    <message>
        <source>Add an internal note</source>
        <translation>Añadir una nota interna</translation>
    </message>
</context>
<context>
    <name>CloseChatDialog</name>
    <message>
        <source>Close the chat</source>
        <translation>Cerrar el chat</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>Venta</translation>
    </message>
    <message>
        <source>No sale</source>
        <translation>Sin venta</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Información</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Queja</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Close chat</source>
        <translation>Cerrar chat</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>The file %1 cannot be read.</source>
        <translation>No se puede leer el archivo %1.</translation>
    </message>
    <message>
        <source>This chat's number has no approved templates.</source>
        <translation>El número de este chat no tiene plantillas aprobadas.</translation>
    </message>
</context>
<context>
    <name>ComposerBar</name>
    <message>
        <source>Write a message (Enter sends, Shift+Enter for a new line)</source>
        <translation>Escribe un mensaje (Intro envía, Mayús+Intro para una línea nueva)</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>Adjuntar…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Choose a template</source>
        <translation>Elige una plantilla</translation>
    </message>
    <message>
        <source>Send template</source>
        <translation>Enviar plantilla</translation>
    </message>
    <message>
        <source>Send a file</source>
        <translation>Enviar un archivo</translation>
    </message>
</context>
<context>
    <name>ConversationHeader</name>
    <message>
        <source>Reopen</source>
        <translation>Reabrir</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <translation>Transferir…</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>Asignar…</translation>
    </message>
    <message>
        <source>Close…</source>
        <translation>Cerrar…</translation>
    </message>
    <message>
        <source>Hide client</source>
        <translation>Ocultar cliente</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Transfer the chat</source>
        <translation>Transferir el chat</translation>
    </message>
    <message>
        <source>Back to the queue</source>
        <translation>De vuelta a la cola</translation>
    </message>
    <message>
        <source>To an agent</source>
        <translation>A un agente</translation>
    </message>
    <message>
        <source>To a campaign</source>
        <translation>A una campaña</translation>
    </message>
    <message>
        <source>Nothing to choose from: you may only send the chat back to the queue.</source>
        <translation>No hay nada que elegir: solo puedes devolver el chat a la cola.</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transferir</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>Bot</name>
    <message>
        <source>Options</source>
        <translation>Opciones</translation>
    </message>
</context>
<context>
    <name>Survey</name>
    <message>
        <source>5 ⭐ Very satisfied</source>
        <translation>5 ⭐ Muy satisfecho</translation>
    </message>
    <message>
        <source>4 ⭐ Satisfied</source>
        <translation>4 ⭐ Satisfecho</translation>
    </message>
    <message>
        <source>3 ⭐ Neutral</source>
        <translation>3 ⭐ Neutral</translation>
    </message>
    <message>
        <source>2 ⭐ Dissatisfied</source>
        <translation>2 ⭐ Insatisfecho</translation>
    </message>
    <message>
        <source>1 ⭐ Very dissatisfied</source>
        <translation>1 ⭐ Muy insatisfecho</translation>
    </message>
    <message>
        <source>How satisfied are you with the help you received?</source>
        <translation>¿Qué tan satisfecho estás con la atención que recibiste?</translation>
    </message>
    <message>
        <source>Reply with a number from 1 (very dissatisfied) to 5 (very satisfied).</source>
        <translation>Responde con un número del 1 (muy insatisfecho) al 5 (muy satisfecho).</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Calificar</translation>
    </message>
    <message>
        <source>Thank you for your rating!</source>
        <translation>¡Gracias por tu calificación!</translation>
    </message>
</context>
<context>
    <name>FlowValidator</name>
    <message>
        <source>Invalid JSON path</source>
        <translation>Ruta JSON no válida</translation>
    </message>
    <message>
        <source>The regular expression is empty</source>
        <translation>La expresión regular está vacía</translation>
    </message>
    <message>
        <source>Invalid regular expression: %1</source>
        <translation>Expresión regular no válida: %1</translation>
    </message>
    <message>
        <source>A menu needs at least one option</source>
        <translation>Un menú necesita al menos una opción</translation>
    </message>
    <message>
        <source>A menu has at most %1 options</source>
        <translation>Un menú tiene como máximo %1 opciones</translation>
    </message>
    <message>
        <source>An option needs a label</source>
        <translation>Una opción necesita un texto</translation>
    </message>
    <message>
        <source>At most %1 characters: up to three options are sent as WhatsApp reply buttons</source>
        <translation>Como máximo %1 caracteres: hasta tres opciones se envían como botones de respuesta de WhatsApp</translation>
    </message>
    <message>
        <source>At most %1 characters: four to ten options are sent as a WhatsApp list</source>
        <translation>Como máximo %1 caracteres: de cuatro a diez opciones se envían como lista de WhatsApp</translation>
    </message>
    <message>
        <source>A condition needs at least one rule or a default</source>
        <translation>Una condición necesita al menos una regla o un destino por defecto</translation>
    </message>
    <message>
        <source>A rule needs a variable</source>
        <translation>Una regla necesita una variable</translation>
    </message>
    <message>
        <source>Must be one of: %1</source>
        <translation>Debe ser uno de: %1</translation>
    </message>
    <message>
        <source>A start node is required</source>
        <translation>Falta el nodo inicial</translation>
    </message>
    <message>
        <source>Names %1, which is not a node of the flow</source>
        <translation>Indica %1, que no es un nodo del flujo</translation>
    </message>
    <message>
        <source>Connect this to the node that follows</source>
        <translation>Conecta esto con el nodo que sigue</translation>
    </message>
    <message>
        <source>Nothing follows: a session that gets here goes to the queue</source>
        <translation>No sigue nada: una sesión que llega aquí pasa a la cola</translation>
    </message>
    <message>
        <source>Leads to %1, which is not a node of the flow</source>
        <translation>Lleva a %1, que no es un nodo del flujo</translation>
    </message>
    <message>
        <source>No node sets %1 and the flow&apos;s variables do not define it</source>
        <translation>Ningún nodo asigna %1 y las variables del flujo no la definen</translation>
    </message>
    <message>
        <source>These nodes loop without ever waiting for the customer: %1</source>
        <translation>Estos nodos forman un ciclo sin esperar nunca al cliente: %1</translation>
    </message>
    <message>
        <source>No path from the start node leads here</source>
        <translation>Ningún camino desde el nodo inicial llega aquí</translation>
    </message>
</context>
<context>
    <name>FlowDocument</name>
    <message>
        <source>Remove the fallback node</source>
        <translation>Quitar el nodo de respaldo</translation>
    </message>
    <message>
        <source>Send timeouts and invalid answers to %1</source>
        <translation>Enviar los tiempos agotados y las respuestas no válidas a %1</translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <translation>Renombrar %1 como %2</translation>
    </message>
    <message>
        <source>Add node %1</source>
        <translation>Añadir el nodo %1</translation>
    </message>
    <message>
        <source>Delete node %1</source>
        <translation>Eliminar el nodo %1</translation>
    </message>
    <message>
        <source>Delete %1 nodes</source>
        <translation>Eliminar %1 nodos</translation>
    </message>
    <message>
        <source>Move node %1</source>
        <translation>Mover el nodo %1</translation>
    </message>
    <message>
        <source>Move %1 nodes</source>
        <translation>Mover %1 nodos</translation>
    </message>
    <message>
        <source>Connect %1 to %2</source>
        <translation>Conectar %1 con %2</translation>
    </message>
    <message>
        <source>Disconnect %1 from %2</source>
        <translation>Desconectar %1 de %2</translation>
    </message>
    <message>
        <source>Edit node %1</source>
        <translation>Editar el nodo %1</translation>
    </message>
    <message>
        <source>Add option to %1</source>
        <translation>Añadir una opción a %1</translation>
    </message>
    <message>
        <source>Remove option from %1</source>
        <translation>Quitar una opción de %1</translation>
    </message>
    <message>
        <source>Add rule to %1</source>
        <translation>Añadir una regla a %1</translation>
    </message>
    <message>
        <source>Remove rule from %1</source>
        <translation>Quitar una regla de %1</translation>
    </message>
    <message>
        <source>Start the flow at %1</source>
        <translation>Empezar el flujo en %1</translation>
    </message>
    <message>
        <source>Paste node %1</source>
        <translation>Pegar el nodo %1</translation>
    </message>
    <message>
        <source>Paste %1 nodes</source>
        <translation>Pegar %1 nodos</translation>
    </message>
    <message>
        <source>Arrange the nodes automatically</source>
        <translation>Ordenar los nodos automáticamente</translation>
    </message>
</context>
<context>
    <name>FlowNodeModel</name>
    <message>
        <source>Otherwise</source>
        <translation>Si no</translation>
    </message>
    <message>
        <source>On error</source>
        <translation>Si falla</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
</context>
<context>
    <name>FlowCanvas</name>
    <message>
        <source>Add a node from the palette to begin</source>
        <translation>Añade un nodo desde la paleta para empezar</translation>
    </message>
</context>
<context>
    <name>FlowEditorController</name>
    <message>
        <source>Draft saved</source>
        <translation>Borrador guardado</translation>
    </message>
    <message>
        <source>Published as version %1</source>
        <translation>Publicado como versión %1</translation>
    </message>
    <message>
        <source>Version %1 restored as the draft</source>
        <translation>Versión %1 restaurada como borrador</translation>
    </message>
</context>
<context>
    <name>FlowEditorPage</name>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menú</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condición</translation>
    </message>
    <message>
        <source>Set variable</source>
        <translation>Asignar variable</translation>
    </message>
    <message>
        <source>HTTP request</source>
        <translation>Petición HTTP</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Update client</source>
        <translation>Actualizar cliente</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transferir</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>Espera</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Bot flows</source>
        <translation>Flujos de bot</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Versión %1</translation>
    </message>
    <message>
        <source>unpublished changes</source>
        <translation>cambios sin publicar</translation>
    </message>
    <message>
        <source>Never published</source>
        <translation>Nunca publicado</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renombrar…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Eliminar…</translation>
    </message>
    <message>
        <source>(version %1)</source>
        <translation>(versión %1)</translation>
    </message>
    <message>
        <source>(draft)</source>
        <translation>(borrador)</translation>
    </message>
    <message>
        <source>Open or create a flow</source>
        <translation>Abre o crea un flujo</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rehacer</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>Arrange</source>
        <translation>Ordenar</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Publicar</translation>
    </message>
    <message>
        <source>Reload (lose my changes)</source>
        <translation>Recargar (pierdo mis cambios)</translation>
    </message>
    <message>
        <source>Problems: %1 errors, %2 warnings</source>
        <translation>Problemas: %1 errores, %2 avisos</translation>
    </message>
    <message>
        <source>Rename the flow</source>
        <translation>Renombrar el flujo</translation>
    </message>
    <message>
        <source>New bot flow</source>
        <translation>Nuevo flujo de bot</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Delete the flow</source>
        <translation>Eliminar el flujo</translation>
    </message>
    <message>
        <source>Delete “%1”? Campaigns that use it must be changed first.</source>
        <translation>¿Eliminar «%1»? Antes hay que cambiar las campañas que lo usan.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>The changes to “%1” are not saved. Discard them?</source>
        <translation>Los cambios de «%1» no están guardados. ¿Descartarlos?</translation>
    </message>
    <message>
        <source>Versions…</source>
        <translation>Versiones…</translation>
    </message>
    <message>
        <source>Published versions</source>
        <translation>Versiones publicadas</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Keyboard shortcuts (F1)</source>
        <translation>Atajos de teclado (F1)</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nodo</translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation>Simulador</translation>
    </message>
</context>
<context>
    <name>FlowInspector</name>
    <message numerus="yes">
        <source>%n nodes selected</source>
        <translation>
            <numerusform>%n nodo seleccionado</numerusform>
            <numerusform>%n nodos seleccionados</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a node to edit it</source>
        <translation>Selecciona un nodo para editarlo</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Save the answer as</source>
        <translation>Guardar la respuesta como</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Opciones</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Remove the option</source>
        <translation>Quitar la opción</translation>
    </message>
    <message>
        <source>Add option</source>
        <translation>Añadir opción</translation>
    </message>
    <message>
        <source>Option %1</source>
        <translation>Opción %1</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Reglas</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>Añadir regla</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>Start here</source>
        <translation>Empezar aquí</translation>
    </message>
    <message>
        <source>No fallback</source>
        <translation>Sin respaldo</translation>
    </message>
    <message>
        <source>Fallback here</source>
        <translation>Respaldo aquí</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <source>Media file id (optional)</source>
        <translation>Id del archivo multimedia (opcional)</translation>
    </message>
    <message>
        <source>Options (label, value, next)</source>
        <translation>Opciones (etiqueta, valor, siguiente)</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Acepta</translation>
    </message>
    <message>
        <source>Any text</source>
        <translation>Cualquier texto</translation>
    </message>
    <message>
        <source>A number</source>
        <translation>Un número</translation>
    </message>
    <message>
        <source>An email address</source>
        <translation>Un correo electrónico</translation>
    </message>
    <message>
        <source>A phone number</source>
        <translation>Un teléfono</translation>
    </message>
    <message>
        <source>A date</source>
        <translation>Una fecha</translation>
    </message>
    <message>
        <source>A regular expression</source>
        <translation>Una expresión regular</translation>
    </message>
    <message>
        <source>Pattern, e.g. [A-Z]{3}[0-9]{3}</source>
        <translation>Patrón, p. ej. [A-Z]{3}[0-9]{3}</translation>
    </message>
    <message>
        <source>Try an answer</source>
        <translation>Prueba una respuesta</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Aceptada</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Rechazada</translation>
    </message>
    <message>
        <source>Reply to an invalid answer</source>
        <translation>Mensaje ante una respuesta no válida</translation>
    </message>
    <message>
        <source>Rules, tried in order</source>
        <translation>Reglas, en orden</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Patrón</translation>
    </message>
    <message>
        <source>Remove the rule</source>
        <translation>Quitar la regla</translation>
    </message>
    <message>
        <source>Otherwise</source>
        <translation>Si no</translation>
    </message>
    <message>
        <source>Set (name, template)</source>
        <translation>Asignar (nombre, plantilla)</translation>
    </message>
    <message>
        <source>{{answer}} or text</source>
        <translation>{{answer}} o texto</translation>
    </message>
    <message>
        <source>Timeout in milliseconds (at most 30,000)</source>
        <translation>Tiempo límite en milisegundos (como mucho 30.000)</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Cabeceras</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Cabecera</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Cuerpo</translation>
    </message>
    <message>
        <source>Save from the answer (variable, JSON path)</source>
        <translation>Guardar de la respuesta (variable, ruta JSON)</translation>
    </message>
    <message>
        <source>On error</source>
        <translation>Si falla</translation>
    </message>
    <message>
        <source>Try it in the simulator</source>
        <translation>Probar en el simulador</translation>
    </message>
    <message>
        <source>Chat tags (comma separated)</source>
        <translation>Etiquetas del chat (separadas por comas)</translation>
    </message>
    <message>
        <source>Client tags (comma separated)</source>
        <translation>Etiquetas del cliente (separadas por comas)</translation>
    </message>
    <message>
        <source>Client fields (lead_status, segment…)</source>
        <translation>Campos del cliente (lead_status, segment…)</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Custom fields</source>
        <translation>Campos personalizados</translation>
    </message>
    <message>
        <source>Transfer to</source>
        <translation>Transferir a</translation>
    </message>
    <message>
        <source>The campaign&apos;s queue</source>
        <translation>La cola de la campaña</translation>
    </message>
    <message>
        <source>A campaign</source>
        <translation>Una campaña</translation>
    </message>
    <message>
        <source>An agent</source>
        <translation>Un agente</translation>
    </message>
    <message>
        <source>The campaign&apos;s id</source>
        <translation>El id de la campaña</translation>
    </message>
    <message>
        <source>The agent&apos;s id</source>
        <translation>El id del agente</translation>
    </message>
    <message>
        <source>Skills (comma separated)</source>
        <translation>Habilidades (separadas por comas)</translation>
    </message>
    <message>
        <source>Wait (seconds)</source>
        <translation>Esperar (segundos)</translation>
    </message>
    <message>
        <source>Close the chat</source>
        <translation>Cerrar el chat</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Variables in scope (click to insert)</source>
        <translation>Variables disponibles (clic para insertar)</translation>
    </message>
    <message>
        <source>Sets: %1</source>
        <translation>Define: %1</translation>
    </message>
</context>
<context>
    <name>FlowNodeItem</name>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menú</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condición</translation>
    </message>
    <message>
        <source>Set variable</source>
        <translation>Asignar variable</translation>
    </message>
    <message>
        <source>HTTP request</source>
        <translation>Petición HTTP</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Update client</source>
        <translation>Actualizar cliente</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transferir</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>Espera</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s)</source>
        <translation>
            <numerusform>%n regla</numerusform>
            <numerusform>%n reglas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n segundo</numerusform>
            <numerusform>%n segundos</numerusform>
        </translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Fallback</source>
        <translation>Respaldo</translation>
    </message>
</context>
<context>
    <name>AgentRow</name>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Ocupado</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Desconectado</translation>
    </message>
    <message>
        <source>%1/%2 chats</source>
        <translation>%1/%2 chats</translation>
    </message>
    <message>
        <source>%1 handled</source>
        <translation>%1 atendidos</translation>
    </message>
</context>
<context>
    <name>DashboardFormat</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Chats waiting</source>
        <translation>Chats en espera</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>Espera más larga</translation>
    </message>
    <message>
        <source>Active chats</source>
        <translation>Chats activos</translation>
    </message>
    <message>
        <source>Average wait today</source>
        <translation>Espera media hoy</translation>
    </message>
    <message>
        <source>Chats in bot</source>
        <translation>Chats en el bot</translation>
    </message>
    <message>
        <source>Average first response today</source>
        <translation>Primera respuesta media hoy</translation>
    </message>
    <message>
        <source>SLA at risk</source>
        <translation>SLA en riesgo</translation>
    </message>
    <message>
        <source>SLA breached</source>
        <translation>SLA incumplido</translation>
    </message>
    <message>
        <source>Abandoned today</source>
        <translation>Abandonados hoy</translation>
    </message>
    <message>
        <source>First response SLA</source>
        <translation>SLA de primera respuesta</translation>
    </message>
    <message>
        <source>Resolution SLA</source>
        <translation>SLA de resolución</translation>
    </message>
    <message>
        <source>Agents available</source>
        <translation>Agentes disponibles</translation>
    </message>
    <message>
        <source>Agents busy</source>
        <translation>Agentes ocupados</translation>
    </message>
    <message>
        <source>Agents paused</source>
        <translation>Agentes en pausa</translation>
    </message>
    <message>
        <source>Agents offline</source>
        <translation>Agentes desconectados</translation>
    </message>
    <message>
        <source>Closed today</source>
        <translation>Cerrados hoy</translation>
    </message>
    <message>
        <source>Messages in, last hour</source>
        <translation>Mensajes recibidos, última hora</translation>
    </message>
    <message>
        <source>Messages out, last hour</source>
        <translation>Mensajes enviados, última hora</translation>
    </message>
    <message>
        <source>Live dashboard</source>
        <translation>Panel en vivo</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Actualizado %1</translation>
    </message>
    <message>
        <source>Leave wallboard</source>
        <translation>Salir del modo pared</translation>
    </message>
    <message>
        <source>Wallboard</source>
        <translation>Modo pared</translation>
    </message>
    <message>
        <source>Connection lost: these figures are not live. They will be brought up to date when the connection is back.</source>
        <translation>Conexión perdida: estas cifras no están en vivo. Se pondrán al día cuando vuelva la conexión.</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Cola</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Average wait</source>
        <translation>Espera media</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Asignados</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agentes</translation>
    </message>
    <message>
        <source>Thresholds: %1</source>
        <translation>Umbrales: %1</translation>
    </message>
    <message>
        <source>Amber at</source>
        <translation>Ámbar desde</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Red at</source>
        <translation>Rojo desde</translation>
    </message>
    <message>
        <source>Chats per hour</source>
        <translation>Chats por hora</translation>
    </message>
    <message>
        <source>Same day last week</source>
        <translation>Mismo día la semana pasada</translation>
    </message>
    <message>
        <source>Average first response today (s)</source>
        <translation>Primera respuesta media hoy (s)</translation>
    </message>
    <message>
        <source>First response SLA today (%)</source>
        <translation>SLA de primera respuesta hoy (%)</translation>
    </message>
</context>
<context>
    <name>DashboardTile</name>
    <message>
        <source>Thresholds</source>
        <translation>Umbrales</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>de %1</translation>
    </message>
    <message>
        <source>n = %1</source>
        <translation>n = %1</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
</context>
<context>
    <name>AdminSections</name>
    <message>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <source>WhatsApp numbers</source>
        <translation>Números de WhatsApp</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Tareas</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Copias de seguridad</translation>
    </message>
</context>
<context>
    <name>CampaignForm</name>
    <message>
        <source>Monday</source>
        <translation>Lunes</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Martes</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Miércoles</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Jueves</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Viernes</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Sábado</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Domingo</translation>
    </message>
    <message>
        <source>No flow</source>
        <translation>Sin flujo</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>Nueva campaña</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Letters, digits, - and _</source>
        <translation>Letras, dígitos, - y _</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activa</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausada</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactiva</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Business hours (outside them the offline message is sent)</source>
        <translation>Horario de atención (fuera de él se envía el mensaje de fuera de horario)</translation>
    </message>
    <message>
        <source>First response target (seconds)</source>
        <translation>Objetivo de primera respuesta (segundos)</translation>
    </message>
    <message>
        <source>Resolution target (seconds)</source>
        <translation>Objetivo de resolución (segundos)</translation>
    </message>
    <message>
        <source>Requeue when the first response is late</source>
        <translation>Devolver a la cola si la primera respuesta se retrasa</translation>
    </message>
    <message>
        <source>Routing</source>
        <translation>Enrutamiento</translation>
    </message>
    <message>
        <source>Round robin</source>
        <translation>Por turnos</translation>
    </message>
    <message>
        <source>Least busy</source>
        <translation>Menos ocupado</translation>
    </message>
    <message>
        <source>Agent priority</source>
        <translation>Prioridad del agente</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>Habilidades</translation>
    </message>
    <message>
        <source>Welcome message</source>
        <translation>Mensaje de bienvenida</translation>
    </message>
    <message>
        <source>Offline message</source>
        <translation>Mensaje fuera de horario</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>Bot</translation>
    </message>
    <message>
        <source>Answer first with the bot</source>
        <translation>Responder primero con el bot</translation>
    </message>
    <message>
        <source>Bot flow</source>
        <translation>Flujo del bot</translation>
    </message>
    <message>
        <source>Satisfaction survey</source>
        <translation>Encuesta de satisfacción</translation>
    </message>
    <message>
        <source>Ask after closing</source>
        <translation>Preguntar al cerrar</translation>
    </message>
    <message>
        <source>Survey question</source>
        <translation>Pregunta de la encuesta</translation>
    </message>
    <message>
        <source>Default text in the customer&apos;s language</source>
        <translation>Texto por defecto en el idioma del cliente</translation>
    </message>
    <message>
        <source>Answers count for (minutes)</source>
        <translation>Las respuestas cuentan durante (minutos)</translation>
    </message>
    <message>
        <source>WhatsApp numbers</source>
        <translation>Números de WhatsApp</translation>
    </message>
    <message>
        <source>primary</source>
        <translation>principal</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agentes</translation>
    </message>
    <message>
        <source>%1 %2 · %3 chats · priority %4</source>
        <translation>%1 %2 · %3 chats · prioridad %4</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Crear</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Delete campaign</source>
        <translation>Eliminar campaña</translation>
    </message>
    <message>
        <source>Delete %1? Its numbers and agents are unassigned; its chats and reports keep its name.</source>
        <translation>¿Eliminar %1? Sus números y agentes quedan sin asignar; sus chats e informes conservan su nombre.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Choose a number</source>
        <translation>Elige un número</translation>
    </message>
    <message>
        <source>Primary</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Add number</source>
        <translation>Añadir número</translation>
    </message>
    <message>
        <source>Choose an agent</source>
        <translation>Elige un agente</translation>
    </message>
    <message>
        <source>Chats at once</source>
        <translation>Chats a la vez</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. sales, english</source>
        <translation>Separadas por comas, p. ej. ventas, inglés</translation>
    </message>
    <message>
        <source>Add agent</source>
        <translation>Añadir agente</translation>
    </message>
</context>
<context>
    <name>CampaignsController</name>
    <message>
        <source>Agents saved</source>
        <translation>Agentes guardados</translation>
    </message>
    <message>
        <source>Numbers saved</source>
        <translation>Números guardados</translation>
    </message>
</context>
<context>
    <name>CampaignsPage</name>
    <message>
        <source>Active</source>
        <translation>Activa</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausada</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactiva</translation>
    </message>
    <message>
        <source>Search by name or code</source>
        <translation>Buscar por nombre o código</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>Nueva campaña</translation>
    </message>
    <message>
        <source>%1 · %2 agents · %3 open chats</source>
        <translation>%1 · %2 agentes · %3 chats abiertos</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>ResourceController</name>
    <message>
        <source>Nothing to save</source>
        <translation>Nada que guardar</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Guardado</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Eliminado</translation>
    </message>
</context>
<context>
    <name>ResourceList</name>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Nothing here</source>
        <translation>No hay nada aquí</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Página anterior</translation>
    </message>
    <message>
        <source>Page %1 of %2 · %3 in all</source>
        <translation>Página %1 de %2 · %3 en total</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Página siguiente</translation>
    </message>
</context>
<context>
    <name>UserForm</name>
    <message>
        <source>New user</source>
        <translation>Nuevo usuario</translation>
    </message>
    <message>
        <source>2FA on</source>
        <translation>2FA activada</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>At least 8 characters</source>
        <translation>Al menos 8 caracteres</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Chats at once</source>
        <translation>Chats a la vez</translation>
    </message>
    <message>
        <source>Automatic assignment</source>
        <translation>Asignación automática</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Crear</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>Suspender</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Reactivar</translation>
    </message>
    <message>
        <source>Unlock login</source>
        <translation>Desbloquear acceso</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Delete user</source>
        <translation>Eliminar usuario</translation>
    </message>
    <message>
        <source>Delete %1? They can no longer sign in; their chats and history stay.</source>
        <translation>¿Eliminar a %1? Ya no podrá iniciar sesión; sus chats e historial se conservan.</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Ocupado</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Desconectado</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>Historial de estados</translation>
    </message>
</context>
<context>
    <name>UsersController</name>
    <message>
        <source>User reactivated</source>
        <translation>Usuario reactivado</translation>
    </message>
    <message>
        <source>User suspended</source>
        <translation>Usuario suspendido</translation>
    </message>
    <message>
        <source>Login unlocked</source>
        <translation>Acceso desbloqueado</translation>
    </message>
    <message>
        <source>Two-factor authentication is now required for this role</source>
        <translation>Ahora este rol exige la verificación en dos pasos</translation>
    </message>
    <message>
        <source>Two-factor authentication is no longer required for this role</source>
        <translation>Este rol ya no exige la verificación en dos pasos</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspendido</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactivo</translation>
    </message>
    <message>
        <source>Search by name or email</source>
        <translation>Buscar por nombre o correo</translation>
    </message>
    <message>
        <source>All roles</source>
        <translation>Todos los roles</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>Nuevo usuario</translation>
    </message>
    <message>
        <source>Two-factor by role</source>
        <translation>Dos pasos por rol</translation>
    </message>
    <message>
        <source>Require two-factor authentication</source>
        <translation>Exigir la verificación en dos pasos</translation>
    </message>
</context>
<context>
    <name>NumberForm</name>
    <message>
        <source>Saved; leave empty to keep it</source>
        <translation>Guardado; déjalo vacío para conservarlo</translation>
    </message>
    <message>
        <source>New WhatsApp number</source>
        <translation>Nuevo número de WhatsApp</translation>
    </message>
    <message>
        <source>Callback URL for Meta&apos;s console (WhatsApp › Configuration › Webhook), with the verify token below</source>
        <translation>URL de devolución de llamada para la consola de Meta (WhatsApp › Configuración › Webhook), con el token de verificación de abajo</translation>
    </message>
    <message>
        <source>Webhook URL for the WPPConnect server (already given when the session starts)</source>
        <translation>URL del webhook para el servidor WPPConnect (se le da al iniciar la sesión)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Número de teléfono</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Nombre visible</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactivo</translation>
    </message>
    <message>
        <source>Messages per day</source>
        <translation>Mensajes por día</translation>
    </message>
    <message>
        <source>Messages per minute</source>
        <translation>Mensajes por minuto</translation>
    </message>
    <message>
        <source>Phone number ID</source>
        <translation>Identificador del número</translation>
    </message>
    <message>
        <source>WhatsApp › API Setup › Phone number ID</source>
        <translation>WhatsApp › Configuración de la API › Identificador del número de teléfono</translation>
    </message>
    <message>
        <source>Business account ID</source>
        <translation>Identificador de la cuenta comercial</translation>
    </message>
    <message>
        <source>WhatsApp › API Setup › WhatsApp Business Account ID</source>
        <translation>WhatsApp › Configuración de la API › Identificador de la cuenta de WhatsApp Business</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Token de acceso</translation>
    </message>
    <message>
        <source>A system user&apos;s permanent token</source>
        <translation>El token permanente de un usuario del sistema</translation>
    </message>
    <message>
        <source>App secret</source>
        <translation>Clave secreta de la app</translation>
    </message>
    <message>
        <source>App settings › Basic › App secret (signs the webhooks)</source>
        <translation>Configuración de la app › Básica › Clave secreta (firma los webhooks)</translation>
    </message>
    <message>
        <source>Verify token</source>
        <translation>Token de verificación</translation>
    </message>
    <message>
        <source>Any text; the same in Meta&apos;s webhook settings</source>
        <translation>Cualquier texto; el mismo en la configuración del webhook de Meta</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>URL del servidor</translation>
    </message>
    <message>
        <source>Session name</source>
        <translation>Nombre de la sesión</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clave de la API</translation>
    </message>
    <message>
        <source>The server&apos;s SECRET_KEY</source>
        <translation>La SECRET_KEY del servidor</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>Saludable</translation>
    </message>
    <message>
        <source>Unhealthy</source>
        <translation>Con problemas</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>No health check yet</source>
        <translation>Aún sin comprobación de salud</translation>
    </message>
    <message>
        <source>Sent %1 · received %2</source>
        <translation>Enviados %1 · recibidos %2</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Crear</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Desconectar</translation>
    </message>
    <message>
        <source>Refresh status</source>
        <translation>Actualizar estado</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Delete number</source>
        <translation>Eliminar número</translation>
    </message>
    <message>
        <source>Delete %1? Its campaigns lose it and no more messages are sent or received on it.</source>
        <translation>¿Eliminar %1? Sus campañas lo pierden y ya no se envían ni reciben mensajes por él.</translation>
    </message>
    <message>
        <source>Scan it on the phone: WhatsApp › Settings › Linked devices › Link a device</source>
        <translation>Escanéalo en el teléfono: WhatsApp › Ajustes › Dispositivos vinculados › Vincular un dispositivo</translation>
    </message>
    <message>
        <source>New QR code</source>
        <translation>Nuevo código QR</translation>
    </message>
    <message>
        <source>Show the QR code</source>
        <translation>Mostrar el código QR</translation>
    </message>
</context>
<context>
    <name>NumbersController</name>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Connection changed</source>
        <translation>Conexión cambiada</translation>
    </message>
    <message>
        <source>No QR code now: connect the number first, or it is already linked</source>
        <translation>No hay código QR ahora: conecta primero el número, o ya está vinculado</translation>
    </message>
</context>
<context>
    <name>NumbersPage</name>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Conectando</translation>
    </message>
    <message>
        <source>Waiting for the QR scan</source>
        <translation>Esperando el escaneo del QR</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Desconectado</translation>
    </message>
    <message>
        <source>Any provider</source>
        <translation>Cualquier proveedor</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactivo</translation>
    </message>
    <message>
        <source>New number</source>
        <translation>Nuevo número</translation>
    </message>
</context>
<context>
    <name>FlowQueries</name>
    <message>
        <source>The pattern is empty</source>
        <translation>El patrón está vacío</translation>
    </message>
</context>
<context>
    <name>FlowSearchBar</name>
    <message>
        <source>Find a node by key or text</source>
        <translation>Buscar un nodo por clave o texto</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Sin resultados</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>Previous (Shift+Enter)</source>
        <translation>Anterior (Mayús+Intro)</translation>
    </message>
    <message>
        <source>Next (Enter)</source>
        <translation>Siguiente (Intro)</translation>
    </message>
</context>
<context>
    <name>FlowShortcutsHelp</name>
    <message>
        <source>Find a node by key or text</source>
        <translation>Buscar un nodo por clave o texto</translation>
    </message>
    <message>
        <source>Fit the flow in the view</source>
        <translation>Encajar el flujo en la vista</translation>
    </message>
    <message>
        <source>Arrows, drag, wheel</source>
        <translation>Flechas, arrastrar, rueda</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>Desplazar</translation>
    </message>
    <message>
        <source>Ctrl+wheel</source>
        <translation>Ctrl+rueda</translation>
    </message>
    <message>
        <source>Zoom around the cursor</source>
        <translation>Acercar o alejar en torno al cursor</translation>
    </message>
    <message>
        <source>Shift+drag</source>
        <translation>Mayús+arrastrar</translation>
    </message>
    <message>
        <source>Select with a rubber band</source>
        <translation>Seleccionar con un recuadro</translation>
    </message>
    <message>
        <source>Shift+click</source>
        <translation>Mayús+clic</translation>
    </message>
    <message>
        <source>Add to the selection</source>
        <translation>Añadir a la selección</translation>
    </message>
    <message>
        <source>Select every node</source>
        <translation>Seleccionar todos los nodos</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supr</translation>
    </message>
    <message>
        <source>Delete the selected nodes</source>
        <translation>Borrar los nodos seleccionados</translation>
    </message>
    <message>
        <source>Copy and paste nodes (between flows too)</source>
        <translation>Copiar y pegar nodos (también entre flujos)</translation>
    </message>
    <message>
        <source>Duplicate the selected nodes</source>
        <translation>Duplicar los nodos seleccionados</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rehacer</translation>
    </message>
    <message>
        <source>Save the draft</source>
        <translation>Guardar el borrador</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Publicar</translation>
    </message>
    <message>
        <source>This list</source>
        <translation>Esta lista</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>FlowSimulator</name>
    <message>
        <source>Waiting for the customer at %1</source>
        <translation>Esperando al cliente en %1</translation>
    </message>
    <message>
        <source>Completed at %1</source>
        <translation>Completado en %1</translation>
    </message>
    <message>
        <source>Transferred at %1</source>
        <translation>Transferido en %1</translation>
    </message>
    <message>
        <source>The customer did not answer in time</source>
        <translation>El cliente no respondió a tiempo</translation>
    </message>
    <message>
        <source>Too many invalid answers at %1</source>
        <translation>Demasiadas respuestas no válidas en %1</translation>
    </message>
    <message>
        <source>Stopped: too many steps without waiting for the customer</source>
        <translation>Detenido: demasiados pasos sin esperar al cliente</translation>
    </message>
    <message>
        <source>Failed at %1</source>
        <translation>Falló en %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Falló: %1</translation>
    </message>
    <message>
        <source>The mocked answers must be a JSON object by node key</source>
        <translation>Las respuestas simuladas deben ser un objeto JSON por clave de nodo</translation>
    </message>
</context>
<context>
    <name>FlowSimulatorPanel</name>
    <message numerus="yes">
        <source>(no answer for %n second(s))</source>
        <translation>
            <numerusform>(sin respuesta durante %n segundo)</numerusform>
            <numerusform>(sin respuesta durante %n segundos)</numerusform>
        </translation>
    </message>
    <message>
        <source>Tags added: %1</source>
        <translation>Etiquetas añadidas: %1</translation>
    </message>
    <message>
        <source>Client updated: %1</source>
        <translation>Cliente actualizado: %1</translation>
    </message>
    <message>
        <source>Transferred to %1</source>
        <translation>Transferido a %1</translation>
    </message>
    <message>
        <source>Chat closed: %1</source>
        <translation>Chat cerrado: %1</translation>
    </message>
    <message>
        <source>mocked answer %1</source>
        <translation>respuesta simulada %1</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>falló</translation>
    </message>
    <message>
        <source>skipped (no mocked answer)</source>
        <translation>omitida (sin respuesta simulada)</translation>
    </message>
    <message numerus="yes">
        <source>Waits %n second(s) (not here)</source>
        <translation>
            <numerusform>Espera %n segundo (aquí no)</numerusform>
            <numerusform>Espera %n segundos (aquí no)</numerusform>
        </translation>
    </message>
    <message>
        <source>The session ends: %1</source>
        <translation>La sesión termina: %1</translation>
    </message>
    <message>
        <source>From the start</source>
        <translation>Desde el inicio</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>Desde %1</translation>
    </message>
    <message>
        <source>the selected node</source>
        <translation>el nodo seleccionado</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Limpiar</translation>
    </message>
    <message>
        <source>Variables, client fields and mocked answers</source>
        <translation>Variables, campos del cliente y respuestas simuladas</translation>
    </message>
    <message>
        <source>Variables (one “name = value” a line)</source>
        <translation>Variables (una «nombre = valor» por línea)</translation>
    </message>
    <message>
        <source>Client fields (first_name = Ana…)</source>
        <translation>Campos del cliente (first_name = Ana…)</translation>
    </message>
    <message>
        <source>HTTP answers by node key (JSON; {&quot;error&quot;: true} fails)</source>
        <translation>Respuestas HTTP por clave de nodo (JSON; {&quot;error&quot;: true} falla)</translation>
    </message>
    <message>
        <source>Start a session to talk to the flow as a customer</source>
        <translation>Empieza una sesión para hablar con el flujo como si fueras el cliente</translation>
    </message>
    <message>
        <source>Answer as the customer</source>
        <translation>Responde como el cliente</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>No reply</source>
        <translation>Sin respuesta</translation>
    </message>
    <message>
        <source>Stay silent past the flow&apos;s timeout</source>
        <translation>Callar más allá del tiempo límite del flujo</translation>
    </message>
    <message>
        <source>Variables: %1</source>
        <translation>Variables: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
</context>
<context>
    <name>TwoFactorSetupPage</name>
    <message>
        <source>Turn on two-factor authentication</source>
        <translation>Activar la verificación en dos pasos</translation>
    </message>
    <message>
        <source>Your role requires two-factor authentication. Turn it on to continue.</source>
        <translation>Tu rol exige la verificación en dos pasos. Actívala para continuar.</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Contraseña actual</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>Scan it with your authenticator app, or enter the key %1</source>
        <translation>Escanéalo con tu app de autenticación, o escribe la clave %1</translation>
    </message>
    <message>
        <source>Backup codes (each works once): %1</source>
        <translation>Códigos de respaldo (cada uno sirve una vez): %1</translation>
    </message>
    <message>
        <source>Code from the app</source>
        <translation>Código de la app</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
</context>
<context>
    <name>ClientForm</name>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>With the bot</source>
        <translation>Con el bot</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Asignado</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrado</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>Nuevo cliente</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Número de teléfono</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Empresa</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Lead status</source>
        <translation>Estado del lead</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segmento</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>vip, wholesale</source>
        <translation>vip, mayorista</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Accepts messages</source>
        <translation>Acepta mensajes</translation>
    </message>
    <message>
        <source>Custom fields</source>
        <translation>Campos personalizados</translation>
    </message>
    <message>
        <source>Add field</source>
        <translation>Añadir campo</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Remove field</source>
        <translation>Quitar campo</translation>
    </message>
    <message>
        <source>Chats (%1 in all)</source>
        <translation>Chats (%1 en total)</translation>
    </message>
    <message>
        <source>No chats</source>
        <translation>No hay chats</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Tareas</translation>
    </message>
    <message>
        <source>No tasks</source>
        <translation>No hay tareas</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Crear</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Delete client</source>
        <translation>Eliminar cliente</translation>
    </message>
    <message>
        <source>Delete %1? They leave the lists and exports; their chats and history stay.</source>
        <translation>¿Eliminar a %1? Sale de las listas y exportaciones; sus chats e historial se conservan.</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>Nueva tarea</translation>
    </message>
</context>
<context>
    <name>ClientImport</name>
    <message>
        <source>Could not read %1</source>
        <translation>No se pudo leer %1</translation>
    </message>
    <message>
        <source>The file is larger than 16 MB</source>
        <translation>El archivo pesa más de 16 MB</translation>
    </message>
    <message>
        <source>The file is empty</source>
        <translation>El archivo está vacío</translation>
    </message>
    <message>
        <source>Choose the column that holds the phone number</source>
        <translation>Elige la columna que tiene el número de teléfono</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>No se pudo escribir %1</translation>
    </message>
</context>
<context>
    <name>ClientImportDialog</name>
    <message>
        <source>Import clients</source>
        <translation>Importar clientes</translation>
    </message>
    <message>
        <source>(leave out)</source>
        <translation>(omitir)</translation>
    </message>
    <message>
        <source>Custom field</source>
        <translation>Campo personalizado</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Número de teléfono</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Empresa</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Lead status</source>
        <translation>Estado del lead</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segmento</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Custom fields (JSON)</source>
        <translation>Campos personalizados (JSON)</translation>
    </message>
    <message>
        <source>Choose a CSV file…</source>
        <translation>Elegir un archivo CSV…</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>Ningún archivo elegido</translation>
    </message>
    <message>
        <source>%1 · %2 rows</source>
        <translation>%1 · %2 filas</translation>
    </message>
    <message>
        <source>Check: %1 new, %2 updated, %3 unchanged, %4 with errors</source>
        <translation>Revisión: %1 nuevos, %2 actualizados, %3 sin cambios, %4 con errores</translation>
    </message>
    <message>
        <source>Imported: %1 new, %2 updated, %3 unchanged, %4 with errors</source>
        <translation>Importados: %1 nuevos, %2 actualizados, %3 sin cambios, %4 con errores</translation>
    </message>
    <message>
        <source>Row %1 · %2: %3</source>
        <translation>Fila %1 · %2: %3</translation>
    </message>
    <message>
        <source>Save errors…</source>
        <translation>Guardar errores…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Revisar</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Save the refused rows</source>
        <translation>Guardar las filas rechazadas</translation>
    </message>
</context>
<context>
    <name>ClientsController</name>
    <message>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>No se pudo escribir %1</translation>
    </message>
    <message>
        <source>Exported to %1 (clients: %2)</source>
        <translation>Exportado a %1 (clientes: %2)</translation>
    </message>
    <message>
        <source>Exported to %1 (clients: %2, the server&apos;s limit: narrow the filters for the rest)</source>
        <translation>Exportado a %1 (clientes: %2, el límite del servidor: acota los filtros para el resto)</translation>
    </message>
</context>
<context>
    <name>ClientsPage</name>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>Contactado</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>Calificado</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>Propuesta</translation>
    </message>
    <message>
        <source>Negotiation</source>
        <translation>Negociación</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Ganado</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Perdido</translation>
    </message>
    <message>
        <source>Search by name, phone, email or company</source>
        <translation>Buscar por nombre, teléfono, correo o empresa</translation>
    </message>
    <message>
        <source>Any lead status</source>
        <translation>Cualquier estado del lead</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segmento</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>Nuevo cliente</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Export clients</source>
        <translation>Exportar clientes</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>TaskForm</name>
    <message>
        <source>New task</source>
        <translation>Nueva tarea</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Vencida</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>yyyy-mm-dd hh:mm</source>
        <translation>aaaa-mm-dd hh:mm</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Recordatorio</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>Asignada a</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Search a client</source>
        <translation>Buscar un cliente</translation>
    </message>
    <message>
        <source>No client</source>
        <translation>Sin cliente</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Chat number, optional</source>
        <translation>Número del chat, opcional</translation>
    </message>
    <message>
        <source>Completion notes (optional)</source>
        <translation>Notas de cierre (opcional)</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Completar</translation>
    </message>
    <message>
        <source>Completion notes: %1</source>
        <translation>Notas de cierre: %1</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Comentarios</translation>
    </message>
    <message>
        <source>Write a comment</source>
        <translation>Escribe un comentario</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentar</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Crear</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Delete task</source>
        <translation>Eliminar tarea</translation>
    </message>
    <message>
        <source>Delete the task &quot;%1&quot;?</source>
        <translation>¿Eliminar la tarea «%1»?</translation>
    </message>
</context>
<context>
    <name>TaskReminderToast</name>
    <message>
        <source>Task reminder</source>
        <translation>Recordatorio de tarea</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>Vence %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>TasksController</name>
    <message>
        <source>Task completed</source>
        <translation>Tarea completada</translation>
    </message>
    <message>
        <source>Comment added</source>
        <translation>Comentario añadido</translation>
    </message>
</context>
<context>
    <name>TasksPage</name>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completada</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Baja</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Media</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>My tasks</source>
        <translation>Mis tareas</translation>
    </message>
    <message>
        <source>Everyone&apos;s</source>
        <translation>De todos</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>Nueva tarea</translation>
    </message>
    <message>
        <source>No due date</source>
        <translation>Sin fecha de vencimiento</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Vencida</translation>
    </message>
</context>
<context>
    <name>AuditLogController</name>
    <message>
        <source>(empty)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message>
        <source>Exported to %1 (rows: %2, the server&apos;s limit: narrow the dates for the rest)</source>
        <translation>Exportado a %1 (filas: %2, el límite del servidor: acota las fechas para el resto)</translation>
    </message>
    <message>
        <source>Exported to %1 (rows: %2)</source>
        <translation>Exportado a %1 (filas: %2)</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>(no user)</source>
        <translation>(sin usuario)</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 bytes</translation>
    </message>
    <message>
        <source>Any user</source>
        <translation>Cualquier usuario</translation>
    </message>
    <message>
        <source>Action, e.g. chat.transfer</source>
        <translation>Acción, p. ej. chat.transfer</translation>
    </message>
    <message>
        <source>Any outcome</source>
        <translation>Cualquier resultado</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Correctas</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Rechazadas</translation>
    </message>
    <message>
        <source>Entity type, e.g. Chat</source>
        <translation>Tipo de entidad, p. ej. Chat</translation>
    </message>
    <message>
        <source>Entity id</source>
        <translation>Id. de entidad</translation>
    </message>
    <message>
        <source>From (YYYY-MM-DD)</source>
        <translation>Desde (AAAA-MM-DD)</translation>
    </message>
    <message>
        <source>To (YYYY-MM-DD)</source>
        <translation>Hasta (AAAA-MM-DD)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>%1 received</source>
        <translation>%1 recibidos</translation>
    </message>
    <message>
        <source>Choose a row to see what it changed</source>
        <translation>Elige una fila para ver qué cambió</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>rechazada</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entidad</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Cambios</translation>
    </message>
    <message>
        <source>Nothing was recorded</source>
        <translation>No se registró nada</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>Exportar el registro de auditoría</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>FileDownload</name>
    <message>
        <source>Could not write %1</source>
        <translation>No se pudo escribir %1</translation>
    </message>
</context>
<context>
    <name>BackupsController</name>
    <message>
        <source>The backup has been completed</source>
        <translation>La copia de seguridad ha terminado</translation>
    </message>
    <message>
        <source>The backup failed</source>
        <translation>La copia de seguridad ha fallado</translation>
    </message>
    <message>
        <source>The download was damaged on the way; try again</source>
        <translation>La descarga llegó dañada; inténtalo de nuevo</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Guardada en %1</translation>
    </message>
    <message>
        <source>Could not read %1</source>
        <translation>No se pudo leer %1</translation>
    </message>
    <message>
        <source>The archive is larger than 512 MB: restore it on the server with &quot;conversa-server backup restore FILE&quot;</source>
        <translation>El archivo supera los 512 MB: restáuralo en el servidor con &quot;conversa-server backup restore ARCHIVO&quot;</translation>
    </message>
    <message>
        <source>The archive has been checked and kept: it can be restored now</source>
        <translation>El archivo se ha comprobado y guardado: ya se puede restaurar</translation>
    </message>
    <message>
        <source>The backup of %1 has been restored</source>
        <translation>Se ha restaurado la copia de seguridad del %1</translation>
    </message>
</context>
<context>
    <name>BackupsPage</name>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completada</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallida</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Programada</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Subida</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>Línea de comandos</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 bytes</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Hacer copia ahora</translation>
    </message>
    <message>
        <source>Upload an archive…</source>
        <translation>Subir un archivo…</translation>
    </message>
    <message>
        <source>Writing and checking the backup…</source>
        <translation>Escribiendo y comprobando la copia de seguridad…</translation>
    </message>
    <message>
        <source>%1 received</source>
        <translation>%1 recibidos</translation>
    </message>
    <message>
        <source>Restoring: checking the archive, then replacing the data…</source>
        <translation>Restaurando: se comprueba el archivo y después se reemplazan los datos…</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>Elige una copia de seguridad</translation>
    </message>
    <message>
        <source>Backup of %1</source>
        <translation>Copia de seguridad del %1</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Terminada</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>schema %1</source>
        <translation>esquema %1</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>Descargar…</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Restaurar…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>¿Restaurar esta copia de seguridad?</translation>
    </message>
    <message>
        <source>Everything since %1 will be lost: the chats, messages, clients, tasks and users&apos; changes made after that moment are replaced by the backup&apos;s data, and so are the uploaded files. Every user is signed out, on every device; you carry on if your account exists in the backup.</source>
        <translation>Se perderá todo lo ocurrido desde el %1: los chats, mensajes, clientes, tareas y cambios de usuarios posteriores a ese momento se reemplazan por los datos de la copia, y también los archivos subidos. Se cierra la sesión de todos los usuarios en todos los dispositivos; tú sigues dentro si tu cuenta existe en la copia.</translation>
    </message>
    <message>
        <source>Delete this backup?</source>
        <translation>¿Eliminar esta copia de seguridad?</translation>
    </message>
    <message>
        <source>The backup of %1 and its archive will be deleted; it cannot be restored afterwards.</source>
        <translation>Se eliminarán la copia de seguridad del %1 y su archivo; después no se podrá restaurar.</translation>
    </message>
    <message>
        <source>Save the backup</source>
        <translation>Guardar la copia de seguridad</translation>
    </message>
    <message>
        <source>Backup archives (*.zip)</source>
        <translation>Copias de seguridad (*.zip)</translation>
    </message>
    <message>
        <source>Upload a backup archive</source>
        <translation>Subir una copia de seguridad</translation>
    </message>
</context>
</TS>
