<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Api</name>
    <message>
        <location filename="../server/app/ServerApp.cpp" line="97" />
        <source>A user with this email already exists</source>
        <translation>Ya existe un usuario con este email</translation>
    </message>
    <message>
        <location filename="../server/domain/AuthService.cpp" line="70" />
        <location filename="../server/domain/AuthService.cpp" line="74" />
        <source>The access token is invalid or expired</source>
        <translation>El token de acceso no es válido o ha expirado</translation>
    </message>
    <message>
        <location filename="../server/domain/AuthService.cpp" line="83" />
        <source>The session has ended, sign in again</source>
        <translation>La sesión ha terminado, inicia sesión de nuevo</translation>
    </message>
    <message>
        <location filename="../server/domain/AuthService.cpp" line="86" />
        <source>This account is not active</source>
        <translation>Esta cuenta no está activa</translation>
    </message>
    <message>
        <location filename="../server/http/ApiError.cpp" line="13" />
        <source>Authentication is required</source>
        <translation>Se requiere autenticación</translation>
    </message>
    <message>
        <location filename="../server/http/ApiError.cpp" line="18" />
        <source>You do not have permission to do this</source>
        <translation>No tienes permiso para realizar esta acción</translation>
    </message>
    <message>
        <location filename="../server/http/ApiError.cpp" line="23" />
        <source>The resource was not found</source>
        <translation>No se encontró el recurso</translation>
    </message>
    <message>
        <location filename="../server/http/ApiError.cpp" line="28" />
        <source>This method is not allowed here</source>
        <translation>Este método no está permitido aquí</translation>
    </message>
    <message>
        <location filename="../server/http/ApiError.cpp" line="38" />
        <source>The request body is too large</source>
        <translation>El cuerpo de la solicitud es demasiado grande</translation>
    </message>
    <message>
        <location filename="../server/http/ApiError.cpp" line="44" />
        <source>The data sent is not valid</source>
        <translation>Error de validación en los datos enviados</translation>
    </message>
    <message>
        <location filename="../server/http/ApiError.cpp" line="56" />
        <source>Too many requests, try again later</source>
        <translation>Demasiadas solicitudes, inténtalo más tarde</translation>
    </message>
    <message>
        <location filename="../server/http/ApiError.cpp" line="63" />
        <source>An internal error occurred</source>
        <translation>Ocurrió un error interno</translation>
    </message>
    <message>
        <location filename="../server/http/HttpRouter.cpp" line="243" />
        <source>The body must be JSON (Content-Type: application/json)</source>
        <translation>El cuerpo debe ser JSON (Content-Type: application/json)</translation>
    </message>
    <message>
        <location filename="../server/http/HttpRouter.cpp" line="247" />
        <source>The body is not valid JSON</source>
        <translation>El cuerpo no es un JSON válido</translation>
    </message>
    <message>
        <location filename="../server/http/HttpRouter.cpp" line="249" />
        <source>The body must be a JSON object</source>
        <translation>El cuerpo debe ser un objeto JSON</translation>
    </message>
    <message>
        <location filename="../server/http/HttpRouter.cpp" line="280" />
        <source>The database is not available</source>
        <translation>La base de datos no está disponible</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="12" />
        <location filename="../server/http/Validator.cpp" line="44" />
        <source>This field is required</source>
        <translation>Este campo es obligatorio</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="39" />
        <location filename="../server/http/Validator.cpp" line="109" />
        <source>Must be a text</source>
        <translation>Debe ser un texto</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="48" />
        <location filename="../server/http/Validator.cpp" line="118" />
        <source>Must be at most %1 characters</source>
        <translation>Debe tener como máximo %1 caracteres</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="52" />
        <location filename="../server/http/Validator.cpp" line="114" />
        <source>Must be at least %1 characters</source>
        <translation>Debe tener al menos %1 caracteres</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="70" />
        <source>Must be a valid email address</source>
        <translation>El email no es válido</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="82" />
        <source>Must be one of: %1</source>
        <translation>Debe ser uno de: %1</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="97" />
        <source>Must be a phone number in international format, e.g. +573001234567</source>
        <translation>Debe ser un teléfono en formato internacional, p. ej. +573001234567</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="131" />
        <source>Must be a whole number</source>
        <translation>Debe ser un número entero</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="136" />
        <source>Must be between %1 and %2</source>
        <translation>Debe estar entre %1 y %2</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="149" />
        <source>Must be true or false</source>
        <translation>Debe ser true o false</translation>
    </message>
    <message>
        <location filename="../server/http/Validator.cpp" line="161" />
        <source>Must be an object</source>
        <translation>Debe ser un objeto</translation>
    </message>
</context>
</TS>
