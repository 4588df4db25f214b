#ifndef TRADEHOST_CGPIOD_SHIM_H
#define TRADEHOST_CGPIOD_SHIM_H
/* libgpiod v1 (1.5 or later for the bias flags): the kill button and the status LEDs. */
#include <gpiod.h>
#endif
