#include "cart_messages.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include <statefun/error.hpp>

namespace shopping_cart {

namespace {

using nlohmann::json;

/// The largest message read: far beyond any basket, far from what a parser can be made to chew.
constexpr std::size_t kMaxMessageBytes = std::size_t{1024} * 1024;

[[noreturn]] void reject(std::string_view what, const std::string& reason) {
  throw statefun::Error(statefun::errc::invalid_value,
                        "invalid " + std::string(what) + ": " + reason);
}

/// The message's bytes as a JSON object, or a rejection that says why not.
json read_object(std::string_view what, std::string_view bytes) {
  if (bytes.size() > kMaxMessageBytes) {
    reject(what,
           "it has " + std::to_string(bytes.size()) + " bytes, more than " +
               std::to_string(kMaxMessageBytes));
  }
  json object = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded()) {
    reject(what, "not JSON");
  }
  if (!object.is_object()) {
    reject(what, "expected a JSON object, got " + object.dump());
  }
  return object;
}

std::string read_string(std::string_view what, const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    reject(what, "\"" + std::string(key) + "\" must be a string");
  }
  return it->get<std::string>();
}

/// A quantity: an integer from 1 to 2^31 - 1.
std::int32_t to_quantity(std::string_view what, const json& value, const std::string& name) {
  const bool in_range =
      value.is_number_unsigned()
          ? value.get<std::uint64_t>() >= 1 &&
                value.get<std::uint64_t>() <= std::numeric_limits<std::int32_t>::max()
          : value.is_number_integer() && value.get<std::int64_t>() >= 1 &&
                value.get<std::int64_t>() <= std::numeric_limits<std::int32_t>::max();
  if (!in_range) {
    reject(what, "\"" + name + "\" must be an integer from 1 to 2147483647, got " + value.dump());
  }
  return static_cast<std::int32_t>(value.get<std::int64_t>());
}

std::int32_t read_quantity(std::string_view what, const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) {
    reject(what, "\"" + std::string(key) + "\" is missing");
  }
  return to_quantity(what, *it, key);
}

json write_add_to_cart(const AddToCart& m) {
  return {{"userId", m.user_id}, {"itemId", m.item_id}, {"quantity", m.quantity}};
}

AddToCart read_add_to_cart(std::string_view bytes) {
  const json o = read_object("AddToCart", bytes);
  return AddToCart{read_string("AddToCart", o, "userId"),
                   read_string("AddToCart", o, "itemId"),
                   read_quantity("AddToCart", o, "quantity")};
}

json write_clear_cart(const ClearCart& m) {
  return {{"userId", m.user_id}};
}

ClearCart read_clear_cart(std::string_view bytes) {
  return ClearCart{read_string("ClearCart", read_object("ClearCart", bytes), "userId")};
}

json write_checkout(const Checkout& m) {
  return {{"userId", m.user_id}};
}

Checkout read_checkout(std::string_view bytes) {
  return Checkout{read_string("Checkout", read_object("Checkout", bytes), "userId")};
}

json write_restock_item(const RestockItem& m) {
  return {{"itemId", m.item_id}, {"quantity", m.quantity}};
}

RestockItem read_restock_item(std::string_view bytes) {
  const json o = read_object("RestockItem", bytes);
  return RestockItem{read_string("RestockItem", o, "itemId"),
                     read_quantity("RestockItem", o, "quantity")};
}

json write_request_item(const RequestItem& m) {
  return {{"quantity", m.quantity}};
}

RequestItem read_request_item(std::string_view bytes) {
  return RequestItem{read_quantity("RequestItem", read_object("RequestItem", bytes), "quantity")};
}

json write_item_availability(const ItemAvailability& m) {
  return {{"status", m.status == ItemAvailability::Status::in_stock ? "INSTOCK" : "OUTOFSTOCK"},
          {"quantity", m.quantity}};
}

ItemAvailability read_item_availability(std::string_view bytes) {
  const json o = read_object("ItemAvailability", bytes);
  const std::string status = read_string("ItemAvailability", o, "status");
  if (status != "INSTOCK" && status != "OUTOFSTOCK") {
    reject("ItemAvailability", "\"status\" must be INSTOCK or OUTOFSTOCK, got " + status);
  }
  return ItemAvailability{status == "INSTOCK" ? ItemAvailability::Status::in_stock
                                              : ItemAvailability::Status::out_of_stock,
                          read_quantity("ItemAvailability", o, "quantity")};
}

json write_receipt(const Receipt& m) {
  return {{"userId", m.user_id}, {"details", m.details}};
}

Receipt read_receipt(std::string_view bytes) {
  const json o = read_object("Receipt", bytes);
  return Receipt{read_string("Receipt", o, "userId"), read_string("Receipt", o, "details")};
}

json write_basket(const Basket& m) {
  return {{"basket", m.items}};
}

Basket read_basket(std::string_view bytes) {
  const json o = read_object("Basket", bytes);
  const auto items = o.find("basket");
  if (items == o.end() || !items->is_object()) {
    reject("Basket", "\"basket\" must be an object of item id -> quantity");
  }
  Basket basket;
  for (const auto& entry : items->items()) {
    basket.items[entry.key()] = to_quantity("Basket", entry.value(), entry.key());
  }
  return basket;
}

json write_egress_record(const EgressRecord& m) {
  return {{"topic", m.topic}, {"payload", m.payload}};
}

EgressRecord read_egress_record(std::string_view bytes) {
  const json o = read_object("EgressRecord", bytes);
  return EgressRecord{read_string("EgressRecord", o, "topic"),
                      read_string("EgressRecord", o, "payload")};
}

/// A type written as compact JSON by `write`, read by `read`.
template <typename T>
statefun::Type<T> json_type(const char* type_name,
                            json (*write)(const T&),
                            T (*read)(std::string_view)) {
  return statefun::Type<T>(
      statefun::TypeName(type_name), [write](const T& value) { return write(value).dump(); }, read);
}

}  // namespace

const statefun::Type<AddToCart>& add_to_cart_type() {
  static const statefun::Type<AddToCart> type =
      json_type<AddToCart>("com.example/AddToCart", write_add_to_cart, read_add_to_cart);
  return type;
}

const statefun::Type<ClearCart>& clear_cart_type() {
  static const statefun::Type<ClearCart> type =
      json_type<ClearCart>("com.example/ClearCart", write_clear_cart, read_clear_cart);
  return type;
}

const statefun::Type<Checkout>& checkout_type() {
  static const statefun::Type<Checkout> type =
      json_type<Checkout>("com.example/Checkout", write_checkout, read_checkout);
  return type;
}

const statefun::Type<RestockItem>& restock_item_type() {
  static const statefun::Type<RestockItem> type =
      json_type<RestockItem>("com.example/RestockItem", write_restock_item, read_restock_item);
  return type;
}

const statefun::Type<RequestItem>& request_item_type() {
  static const statefun::Type<RequestItem> type =
      json_type<RequestItem>("com.example/RequestItem", write_request_item, read_request_item);
  return type;
}

const statefun::Type<ItemAvailability>& item_availability_type() {
  static const statefun::Type<ItemAvailability> type = json_type<ItemAvailability>(
      "com.example/ItemAvailability", write_item_availability, read_item_availability);
  return type;
}

const statefun::Type<Receipt>& receipt_type() {
  static const statefun::Type<Receipt> type =
      json_type<Receipt>("com.example/Receipt", write_receipt, read_receipt);
  return type;
}

const statefun::Type<Basket>& basket_type() {
  static const statefun::Type<Basket> type =
      json_type<Basket>("com.example/Basket", write_basket, read_basket);
  return type;
}

const statefun::Type<EgressRecord>& egress_record_type() {
  static const statefun::Type<EgressRecord> type = json_type<EgressRecord>(
      "io.statefun.playground/EgressRecord", write_egress_record, read_egress_record);
  return type;
}

}  // namespace shopping_cart
