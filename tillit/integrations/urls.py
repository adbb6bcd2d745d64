from django.urls import path

from tillit.integrations import views

app_name = "integrations"
urlpatterns = [
    path("", views.integration_list, name="integration_list"),
    path("<int:pk>/aterkalla/", views.integration_revoke_view, name="integration_revoke"),
]
