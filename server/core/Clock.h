#pragma once

#include <QtGlobal>

// The wall clock in seconds since the epoch, as every table stores time.
qint64 nowSeconds();
