// The statefun-playground shopping cart, in C++: com.example/user-shopping-cart keeps a user's
// basket and reserves items at com.example/stock, which keeps each item's available quantity
// and answers its caller. A request/answer exchange between two functions, JSON state, several
// message types on one function, and receipts on the playground egress.
#pragma once

#include <string>

#include <statefun/statefun.hpp>

#include "cart_messages.hpp"

namespace shopping_cart {

/// The receipt's details for a basket: "item: quantity" per item, by item id, joined by
/// newlines (the Java example's format, in a stable order).
std::string receipt_details(const Basket& basket);

/// com.example/user-shopping-cart/<user id>, state `basket` (com.example/Basket):
///   AddToCart{itemId, quantity}  sends RequestItem{quantity} to com.example/stock/<itemId>;
///   ItemAvailability             from the stock it asked (its caller, whose id is the item):
///                                INSTOCK adds the quantity to the basket, OUTOFSTOCK nothing;
///   ClearCart                    sends RestockItem{item, quantity} to each item's stock and
///                                empties the basket;
///   Checkout                     sends a Receipt{userId, details} as the payload of an
///                                EgressRecord on topic `receipts` of io.statefun.playground/
///                                egress, and empties the basket (nothing when it is empty).
/// Any other message is rejected (HTTP 422), as is an ItemAvailability without a caller.
void user_shopping_cart(statefun::Context& context, const statefun::Message& message);

/// com.example/stock/<item id>, state `stock` (io.statefun.types/int, the quantity available):
///   RestockItem{quantity}  adds it;
///   RequestItem{quantity}  reserves it when that many are available (INSTOCK) or leaves the
///                          stock alone (OUTOFSTOCK), and answers ItemAvailability to its caller.
/// Any other message, or a RequestItem without a caller, is rejected (HTTP 422).
void stock(statefun::Context& context, const statefun::Message& message);

/// Binds com.example/user-shopping-cart and com.example/stock.
void bind_functions(statefun::StatefulFunctions& functions);

}  // namespace shopping_cart
