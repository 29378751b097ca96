//! The one place where a tonic `Request` is unwrapped and a `Response` wrapped: each server
//! writes its RPCs as inherent methods on plain messages (`async fn renew_lease(&self,
//! RenewLeaseRequest) -> Result<RenewLeaseResponse, Status>`), and [`unary_rpcs!`] writes the
//! generated service trait's impl that calls them. Streaming RPCs and associated types go in
//! the macro's `streaming { ... }` part verbatim.

/// Implements a tonic service trait whose unary RPCs are inherent methods of the same names
/// taking and returning plain messages. (`#[tonic::async_trait]` must see every method, so the
/// macro writes the whole impl.)
macro_rules! unary_rpcs {
    (
        impl<$g:ident: $bound:path> $service:ident for $server:ty {
            $($rpc:ident($request:ty) -> $response:ty;)*
        }
        $(streaming { $($streaming:item)* })?
    ) => {
        #[tonic::async_trait]
        impl<$g: $bound> $service for $server {
            $(
                async fn $rpc(
                    &self,
                    request: tonic::Request<$request>,
                ) -> Result<tonic::Response<$response>, tonic::Status> {
                    // Inherent methods take precedence over the trait's in `Self::` paths.
                    Self::$rpc(self, request.into_inner()).await.map(tonic::Response::new)
                }
            )*
            $($($streaming)*)?
        }
    };
}

pub(crate) use unary_rpcs;
