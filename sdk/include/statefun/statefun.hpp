// The statefun C++ SDK: everything needed to write and serve remote functions.
#pragma once

#include <statefun/address.hpp>
#include <statefun/context.hpp>
#include <statefun/egress.hpp>
#include <statefun/error.hpp>
#include <statefun/functions.hpp>
#include <statefun/handler.hpp>
#include <statefun/message.hpp>
#include <statefun/server.hpp>
#include <statefun/storage.hpp>
#include <statefun/type_name.hpp>
#include <statefun/typed_value.hpp>
#include <statefun/types.hpp>
#include <statefun/value_spec.hpp>
