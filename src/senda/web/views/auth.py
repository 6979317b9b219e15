"""Sign in and sign out, using Django's auth views with GOV.UK templates."""

from django.contrib.auth import views as auth_views


class SignInView(auth_views.LoginView):
    template_name = "web/sign_in.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET), then back to the sign-in page."""
